package org.gongjian.points;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.gongjian.organizations.PathCopy;

/** The points feature's copies of organization paths that follow a moved organization. */
@Factory
class PointsPathCopies {

    @Singleton
    PathCopy rules() {
        return new PathCopy("points_rule", "org_path");
    }

    @Singleton
    PathCopy adjustments() {
        return new PathCopy("points_adjustment", "org_path");
    }

    @Singleton
    PathCopy settings() {
        return new PathCopy("points_settings", "org_path");
    }
}
