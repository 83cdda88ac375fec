package org.gongjian.organizations;

import java.text.Normalizer;
import org.gongjian.errors.InvalidInputException;

/** What makes a valid organization name, and its stored form. */
final class OrganizationNames {

    private OrganizationNames() {}

    /**
     * The stored form of a name: NFC-normalized, surrounding (also full-width) spaces removed; 1 to
     * {@value Organizations#NAME_MAX_LENGTH} characters (code points, as the database counts them),
     * no control, format, private-use, lone surrogate or line-separator characters.
     *
     * @throws InvalidInputException {@code ORGANIZATION_NAME_REQUIRED}, {@code
     *     ORGANIZATION_NAME_TOO_LONG} or {@code ORGANIZATION_NAME_CHARACTERS}, field {@code name}
     */
    static String clean(String raw) {
        String name = raw == null
                ? ""
                : Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        if (name.isEmpty()) {
            throw new InvalidInputException(OrganizationErrors.NAME_REQUIRED, "name", "The name is required");
        }
        if (name.codePointCount(0, name.length()) > Organizations.NAME_MAX_LENGTH) {
            throw new InvalidInputException(
                    OrganizationErrors.NAME_TOO_LONG,
                    "name",
                    "The name has more than " + Organizations.NAME_MAX_LENGTH + " characters");
        }
        if (name.codePoints().anyMatch(OrganizationNames::forbidden)) {
            throw new InvalidInputException(
                    OrganizationErrors.NAME_CHARACTERS,
                    "name",
                    "The name contains control or invisible formatting characters");
        }
        return name;
    }

    private static boolean forbidden(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }
}
