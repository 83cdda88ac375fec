package org.gongjian.plugins.leifengmarket;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.util.Optional;
import org.gongjian.plugin.api.PluginCaller;

/** An item's photo on a page, read from the plugin's schema when the browser asks, or a neutral placeholder. */
final class Pictures {

    private Pictures() {}

    /** The item's photo in a square of {@code size} (CSS), or a grey square saying there is none. */
    static Component of(Goods goods, PluginCaller caller, Goods.Item item, String size, String placeholder) {
        if (item.photoId().isEmpty()) {
            Div none = new Div();
            none.setText(placeholder);
            none.addClassName("market-photo-none");
            none.getStyle()
                    .set("width", size)
                    .set("height", size)
                    .set("display", "flex")
                    .set("align-items", "center")
                    .set("justify-content", "center")
                    .set("text-align", "center")
                    .set("font-size", "0.75rem")
                    .set("color", "var(--lumo-secondary-text-color)")
                    .set("background", "var(--lumo-contrast-5pct)")
                    .set("border-radius", "var(--lumo-border-radius-m)")
                    .set("flex", "none");
            return none;
        }
        long marketId = item.marketId();
        long itemId = item.id();
        Image image = new Image(
                (DownloadHandler) event -> {
                    Optional<Photos.Photo> photo = goods.photoOf(caller, marketId, itemId);
                    if (photo.isEmpty()) {
                        event.getResponse().setStatus(404);
                        return;
                    }
                    event.setContentType(photo.get().contentType());
                    event.setFileName(
                            "item-" + itemId + (photo.get().contentType().endsWith("png") ? ".png" : ".jpg"));
                    event.getOutputStream().write(photo.get().content());
                },
                item.name());
        image.addClassName("market-photo");
        image.getStyle()
                .set("width", size)
                .set("height", size)
                .set("object-fit", "cover")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("flex", "none");
        return image;
    }
}
