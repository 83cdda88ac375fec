package org.gongjian.membercodes;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.gongjian.access.Callers;
import org.gongjian.api.ApiError;
import org.gongjian.qrcodes.QrCodeRenderer;

@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Member codes", description = "Members' codes (会员码): shown on a phone or a card, scanned at a counter")
class MemberCodesController {

    private final MemberCodes codes;
    private final Callers callers;
    private final QrCodeRenderer qr;

    MemberCodesController(MemberCodes codes, Callers callers, QrCodeRenderer qr) {
        this.codes = codes;
        this.callers = callers;
        this.qr = qr;
    }

    @Get("/me/member-code")
    @Operation(
            summary = "My member's code, to show on my phone",
            description = "The text a scanner reads and the same as a QR code in SVG. Users without a member"
                    + " record get 404.")
    @ApiResponse(responseCode = "200", description = "The code")
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND: the user has no member record",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<MemberCodeAnswer> mine(Authentication authentication) {
        return answer(codes.own(callers.of(authentication)));
    }

    @Get("/members/{id}/member-code")
    @Operation(
            summary = "A member's code, for a printed card",
            description = "Staff and administrators of the member's subtree, and the member themself.")
    @ApiResponse(responseCode = "200", description = "The code")
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<MemberCodeAnswer> of(Authentication authentication, long id) {
        return answer(codes.of(callers.of(authentication), id));
    }

    @Post("/members/{id}/member-code/reissue")
    @Operation(
            summary = "Re-issue a member's code (a lost card or phone)",
            description = "Every earlier code of the member is refused from now on (MEMBER_CODE_REVOKED)."
                    + " Staff and administrators of the member's subtree; audited as MEMBER_CODE_REISSUED.")
    @ApiResponse(responseCode = "200", description = "The new code")
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: the role does not re-issue codes",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<MemberCodeAnswer> reissue(Authentication authentication, long id) {
        return answer(codes.reissue(callers.of(authentication), id));
    }

    @Post("/member-codes/resolve")
    @Operation(
            summary = "The member a scanned code names",
            description = "A member outside the caller's subtree answers 404, exactly like a missing one.")
    @ApiResponse(responseCode = "200", description = "The member's id and name")
    @ApiResponse(
            responseCode = "400",
            description = "MEMBER_CODE_INVALID: not a member's code of this platform",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "MEMBER_CODE_REVOKED: the member's code was re-issued since",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ResolvedMember resolve(Authentication authentication, @Body ResolveRequest request) {
        MemberCode code = codes.resolve(callers.of(authentication), request.code());
        return new ResolvedMember(code.memberId(), code.name());
    }

    private HttpResponse<MemberCodeAnswer> answer(MemberCode code) {
        return HttpResponse.ok(new MemberCodeAnswer(
                        code.memberId(), code.name(), code.version(), code.text(), qr.svg(code.text())))
                .header("Cache-Control", "no-store");
    }

    /**
     * @param text what the QR code holds
     * @param svg the QR code of {@code text}
     */
    @Serdeable
    record MemberCodeAnswer(long memberId, String name, int version, String text, String svg) {}

    @Serdeable
    record ResolvedMember(long memberId, String name) {}

    /** The text a scanner read. */
    @Serdeable
    record ResolveRequest(@Schema(description = "The scanned text") @Nullable String code) {}
}
