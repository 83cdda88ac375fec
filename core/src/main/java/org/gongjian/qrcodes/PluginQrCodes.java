package org.gongjian.qrcodes;

import jakarta.inject.Singleton;
import org.gongjian.plugin.api.QrCodes;
import org.gongjian.sdk.SdkService;

/** The SDK's {@link QrCodes} over {@link QrCodeRenderer}: the same drawing for every plugin. */
@Singleton
final class PluginQrCodes implements SdkService<QrCodes> {

    private final QrCodeRenderer renderer;

    PluginQrCodes(QrCodeRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public Class<QrCodes> type() {
        return QrCodes.class;
    }

    @Override
    public QrCodes forPlugin(String pluginId) {
        return renderer::svg;
    }
}
