package org.gongjian.organizations;

/**
 * The stable codes of the organization tree's refusals ({@link
 * org.gongjian.errors.InvalidInputException#code()}, API status 400). Each refusal changes nothing.
 */
public final class OrganizationErrors {

    /** The name is empty once surrounding spaces are removed. Field {@code name}. */
    public static final String NAME_REQUIRED = "ORGANIZATION_NAME_REQUIRED";

    /** The name has more than {@value Organizations#NAME_MAX_LENGTH} characters. Field {@code name}. */
    public static final String NAME_TOO_LONG = "ORGANIZATION_NAME_TOO_LONG";

    /** The name contains control, format or line-separator characters. Field {@code name}. */
    public static final String NAME_CHARACTERS = "ORGANIZATION_NAME_CHARACTERS";

    /** Another organization with the same parent (not archived) already has this name. Field {@code name}. */
    public static final String NAME_TAKEN = "ORGANIZATION_NAME_TAKEN";

    /**
     * The parent does not accept this kind, or the kind may not be at the top level (see {@link
     * OrganizationKind}). Field {@code kind}.
     */
    public static final String KIND_NOT_ALLOWED = "ORGANIZATION_KIND_NOT_ALLOWED";

    /** The new parent is the moved organization itself or one of its descendants. Field {@code newParentId}. */
    public static final String MOVE_CYCLE = "ORGANIZATION_MOVE_CYCLE";

    /** It still has active members or organizations below it that are not archived. */
    public static final String NOT_EMPTY = "ORGANIZATION_NOT_EMPTY";

    /** The organization to change, or the parent to put something under, is archived. */
    public static final String ARCHIVED = "ORGANIZATION_ARCHIVED";

    /** The tree would become deeper than a path can hold (about 35 levels). */
    public static final String TOO_DEEP = "ORGANIZATION_TOO_DEEP";

    private OrganizationErrors() {}
}
