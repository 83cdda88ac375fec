package org.gongjian.roster;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.gongjian.access.Callers;
import org.gongjian.api.ApiError;
import org.gongjian.members.MemberSearch;

/** The roster endpoints: template, import (preview and commit) and export, as .xlsx files. */
@Controller("/api/members")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Roster", description = "The member roster (花名册) as Excel: template, import, export")
class RosterController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final RosterImports imports;
    private final RosterExports exports;
    private final Callers callers;

    RosterController(RosterImports imports, RosterExports exports, Callers callers) {
        this.imports = imports;
        this.exports = exports;
        this.callers = callers;
    }

    @Get(value = "/import/template", produces = XLSX)
    @Operation(summary = "The empty roster template (.xlsx) with instructions")
    @ApiResponse(responseCode = "200", description = "花名册模板.xlsx")
    HttpResponse<byte[]> template() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RosterTemplate.write(out);
        return attachment(out.toByteArray(), "花名册模板.xlsx");
    }

    @Post(value = "/import", consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    // The roles are checked before the body is read or bound; the grants again, fresh, before the file is opened.
    @Secured({"PLATFORM_ADMIN", "ORG_ADMIN"})
    @Operation(
            summary = "Check a roster, and import it with commit=true",
            description = "Multipart part 'file', an .xlsx of at most 20 MB. Without commit the answer is the row"
                    + " report and nothing changes. With commit=true the rows are stored in one transaction when"
                    + " there is no problem; with commit=true&validOnly=true the valid rows are stored even when"
                    + " others have problems. Rows are matched to members by ID number: a match is updated.")
    @ApiResponse(responseCode = "200", description = "The row report; 'imported' is set when rows were stored")
    @ApiResponse(
            responseCode = "400",
            description = "ROSTER_HAS_PROBLEMS (commit without validOnly; the body is the report with code),"
                    + " ROSTER_UNREADABLE (not an .xlsx, malformed, or with a DTD or entity; with the report),"
                    + " ROSTER_FILE_MISSING",
            content = @Content(schema = @Schema(implementation = RosterReport.class)))
    @ApiResponse(
            responseCode = "413",
            description = "ROSTER_TOO_LARGE: over 20 MB, over 200,000 rows, a cell over 32,767 characters, or"
                    + " too large inflated (the report's problem says which)",
            content = @Content(schema = @Schema(implementation = RosterReport.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: only administrators import; the file is not read",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> importRoster(
            Authentication authentication,
            @Part("file") @Nullable CompletedFileUpload file,
            @Parameter(description = "Store the rows") @QueryValue(defaultValue = "false") boolean commit,
            @Parameter(description = "With commit: store the valid rows even if others have problems")
                    @QueryValue(defaultValue = "false")
                    boolean validOnly)
            throws IOException {
        var caller = callers.of(authentication);
        imports.authorize(caller);
        if (file == null) {
            return HttpResponse.badRequest(ApiError.of("ROSTER_FILE_MISSING", "Send the roster as the part 'file'"));
        }
        if (file.getSize() > RosterReader.MAX_FILE_BYTES) {
            return refused(new RosterCheck(0, List.of(), List.of(RosterReader.fileTooLarge())));
        }
        RosterCheck check;
        try (InputStream in = file.getInputStream()) {
            check = imports.check(caller, in, n -> {});
        }
        if (check.problems().stream().anyMatch(p -> FILE_REFUSALS.contains(p.code()))) {
            return refused(check);
        }
        if (!commit) {
            return HttpResponse.ok(RosterReport.of(check, null, null, null));
        }
        if (check.hasProblems() && !validOnly) {
            return HttpResponse.status(HttpStatus.BAD_REQUEST)
                    .body(RosterReport.of(check, null, RosterImports.HAS_PROBLEMS, "花名册有错误：请修改后重新上传，或选择只导入正确的行"));
        }
        RosterImports.Imported imported = imports.commit(caller, check, validOnly);
        return HttpResponse.ok(RosterReport.of(
                check, new RosterReport.ImportedCounts(imported.created(), imported.updated()), null, null));
    }

    /** The problems that refuse a whole file: its first problem is the answer. */
    private static final Set<String> FILE_REFUSALS = Set.of("ROSTER_UNREADABLE", "ROSTER_TOO_LARGE");

    /** 413 for a file too large (in bytes, inflated, rows or one cell), else 400; the report with the code. */
    private static HttpResponse<RosterReport> refused(RosterCheck check) {
        RowProblem problem = check.problems().stream()
                .filter(p -> FILE_REFUSALS.contains(p.code()))
                .findFirst()
                .orElseThrow();
        HttpStatus status = problem.code().equals("ROSTER_TOO_LARGE")
                ? HttpStatus.REQUEST_ENTITY_TOO_LARGE
                : HttpStatus.BAD_REQUEST;
        return HttpResponse.<RosterReport>status(status)
                .body(RosterReport.of(check, null, problem.code(), problem.message()));
    }

    @Get(value = "/export", produces = XLSX)
    @Operation(
            summary = "The members a search finds, as an .xlsx in the template's columns",
            description = "Same filters as the member search, every page. ID numbers and phones are masked unless"
                    + " unmask=true and the caller administers every exported member's organization. Audited as"
                    + " ROSTER_EXPORTED.")
    @ApiResponse(responseCode = "200", description = "花名册.xlsx")
    @ApiResponse(
            responseCode = "403",
            description = "UNMASK_NOT_ALLOWED",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND: org outside the caller's subtree",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<byte[]> export(
            Authentication authentication,
            @Nullable @QueryValue String q,
            @Nullable @QueryValue Long org,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String tag,
            @Parameter(description = "ID numbers and phones in clear (administrators only)")
                    @QueryValue(defaultValue = "false")
                    boolean unmask)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exports.export(
                callers.of(authentication),
                new MemberSearch(q, org, status, tag, null, null, 0, MemberSearch.MAX_SIZE, null),
                unmask,
                out);
        MutableHttpResponse<byte[]> response = attachment(out.toByteArray(), "花名册.xlsx");
        return response.header("Cache-Control", "no-store");
    }

    private static MutableHttpResponse<byte[]> attachment(byte[] body, String filename) {
        String encoded = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
        return HttpResponse.ok(body)
                .contentType(XLSX)
                .header("Content-Disposition", "attachment; filename=\"roster.xlsx\"; filename*=UTF-8''" + encoded);
    }
}
