package org.gongjian.members;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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
import java.net.URI;
import java.util.List;
import org.gongjian.access.Callers;
import org.gongjian.api.ApiError;

@Controller("/api/households")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Households", description = "Households (户) and their members' relations")
class HouseholdsController {

    private final Households households;
    private final Callers callers;

    HouseholdsController(Households households, Callers callers) {
        this.households = households;
        this.callers = callers;
    }

    @Post
    @Operation(summary = "Create an empty household in an organization")
    @ApiResponse(responseCode = "201", description = "The household")
    @ApiResponse(
            responseCode = "400",
            description = "ORGANIZATION_REQUIRED, ORGANIZATION_UNKNOWN, ORGANIZATION_ARCHIVED, ADDRESS_TOO_LONG",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<Household> create(Authentication authentication, @Body HouseholdRequest request) {
        Household created = households.create(callers.of(authentication), request.organizationId(), request.address());
        return HttpResponse.<Household>status(HttpStatus.CREATED)
                .headers(h -> h.location(URI.create("/api/households/" + created.id())))
                .body(created);
    }

    @Get("/{id}")
    @Operation(summary = "A household and those of its members the caller may read")
    @ApiResponse(responseCode = "200", description = "The household")
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    Household get(Authentication authentication, long id) {
        return households.get(callers.of(authentication), id);
    }

    @Put("/{id}/members")
    @Operation(
            summary = "Set the household's members and their relations",
            description = "Listed members are placed in the household; members not listed leave it. A member"
                    + " belongs to one household at most.")
    @ApiResponse(responseCode = "200", description = "The household")
    @ApiResponse(
            responseCode = "400",
            description = "MEMBER_UNKNOWN, MEMBER_LISTED_TWICE, MEMBER_IN_OTHER_HOUSEHOLD, RELATION_INVALID,"
                    + " HOUSEHOLD_HEAD_TWICE, HOUSEHOLD_TOO_LARGE",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    Household setMembers(Authentication authentication, long id, @Body HouseholdMembersRequest request) {
        return households.setMembers(callers.of(authentication), id, request.members());
    }

    @Serdeable
    record HouseholdRequest(@Nullable Long organizationId, @Nullable String address) {}

    @Serdeable
    record HouseholdMembersRequest(List<HouseholdPlacement> members) {}
}
