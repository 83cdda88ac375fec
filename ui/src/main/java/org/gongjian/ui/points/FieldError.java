package org.gongjian.ui.points;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import io.micronaut.core.annotation.Nullable;

/** Marks a field of the points forms invalid with a message, or valid again with null. */
final class FieldError {

    private FieldError() {}

    static void set(Component field, @Nullable String message) {
        if (field instanceof HasValidation v) {
            v.setInvalid(message != null);
            v.setErrorMessage(message);
        }
    }
}
