package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gongjian.access.Caller;
import org.gongjian.access.NotFoundException;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.security.UserPlaces.Place;

/** The users a caller manages, as lists, pages and single users with their roles and member names. */
@Singleton
class UserDirectory {

    private final UserStore store;
    private final UserPlaces places;
    private final Clock clock;

    UserDirectory(UserStore store, UserPlaces places, Clock clock) {
        this.store = store;
        this.places = places;
        this.clock = clock;
    }

    List<UserSummary> list(Caller caller, @Nullable String search, int offset, int limit) {
        UserScope scope = UserScope.of(caller);
        return scope.isEmpty()
                ? List.of()
                : select(scope, search, null, Math.max(1, Math.min(limit, UserAdmin.PAGE_LIMIT)), Math.max(0, offset));
    }

    UserPage search(Caller caller, @Nullable String q, @Nullable Long organizationId, int page, int size) {
        if (q != null && q.strip().length() > UserAdmin.MAX_QUERY_LENGTH) {
            throw new InvalidInputException(
                    UserErrors.QUERY_TOO_LONG,
                    "q",
                    "Search with at most " + UserAdmin.MAX_QUERY_LENGTH + " characters");
        }
        if (page < 0) {
            throw new InvalidInputException(UserErrors.PAGE_INVALID, "page", "The page is a number from 0");
        }
        if (size < 1 || size > UserAdmin.MAX_PAGE_SIZE) {
            throw new InvalidInputException(
                    UserErrors.SIZE_INVALID, "size", "The page size is between 1 and " + UserAdmin.MAX_PAGE_SIZE);
        }
        UserScope scope = UserScope.of(caller);
        String under = null;
        if (organizationId != null) {
            under = places.organization(organizationId, true)
                    .map(Place::path)
                    .filter(path -> scope.covers(path) && !scope.isEmpty())
                    .orElseThrow(() -> new NotFoundException("Organization", organizationId));
        }
        if (scope.isEmpty()) {
            return new UserPage(List.of(), page, size, 0);
        }
        List<UserSummary> items = select(scope, q, under, size, (long) page * size);
        long total = items.size() < size && (page == 0 || !items.isEmpty())
                ? (long) page * size + items.size()
                : store.count(scope, q, under);
        return new UserPage(items, page, size, total);
    }

    UserSummary find(Caller caller, long userId) {
        UserScope scope = UserScope.of(caller);
        User user = store.visibleUser(scope, userId);
        return summary(
                user,
                store.roles(List.of(userId), scope).getOrDefault(userId, List.of()),
                user.memberId() == null
                        ? null
                        : places.memberNames(List.of(user.memberId())).get(user.memberId()));
    }

    /** What administrators see of a user: a lock only while it lasts. */
    UserSummary summary(User u, List<UserRole> roles, @Nullable String memberName) {
        Instant now = clock.instant();
        return new UserSummary(
                u.id(),
                u.username(),
                u.memberId(),
                memberName,
                u.enabled(),
                u.passwordChangeNeeded(),
                u.lockedAt(now) ? u.lockedUntil() : null,
                u.lastLoginAt(),
                u.createdAt(),
                roles);
    }

    private List<UserSummary> select(
            UserScope scope, @Nullable String q, @Nullable String under, int limit, long offset) {
        List<User> found = store.select(scope, q, under, limit, offset);
        Map<Long, List<UserRole>> roles =
                store.roles(found.stream().map(User::id).toList(), scope);
        Map<Long, String> names = places.memberNames(
                found.stream().map(User::memberId).filter(Objects::nonNull).toList());
        return found.stream()
                .map(u -> summary(u, roles.getOrDefault(u.id(), List.of()), names.get(u.memberId())))
                .toList();
    }
}
