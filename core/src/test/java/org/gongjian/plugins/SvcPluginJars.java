package org.gongjian.plugins;

import java.nio.file.Path;
import org.gongjian.plugins.fixtures.svc.CountingJob;
import org.gongjian.plugins.fixtures.svc.FailingJob;
import org.gongjian.plugins.fixtures.svc.MarketSettings;
import org.gongjian.plugins.fixtures.svc.StricterMarketSettings;
import org.gongjian.plugins.fixtures.svc.SvcPlugin;
import org.gongjian.plugins.fixtures.svc.TooOftenJob;

/** Real plugin jars of the host-service fixtures, for tests in any package (e.g. the authorization matrix). */
public final class SvcPluginJars {

    private SvcPluginJars() {}

    /** A plugin declaring {@link MarketSettings}, with captions in Chinese and English. */
    public static Path settings(String pluginId, Path dir) {
        return PluginJar.of(pluginId, "1.0.0", SvcPlugin.class)
                .extension(MarketSettings.class)
                .resource(
                        MarketSettings.BUNDLE.replace('.', '/') + ".properties",
                        "settings.pickupDays=取货天数\nsettings.pointsPerHour=每小时积分\nsettings.volunteersOnly=仅限志愿者\n"
                                + "settings.notice=公告\nsettings.mode=兑换方式\nsettings.mode.COUNTER=柜台\n"
                                + "settings.mode.PHONE=手机\n")
                .resource(
                        MarketSettings.BUNDLE.replace('.', '/') + "_en.properties",
                        "settings.pickupDays=Pickup days\nsettings.pointsPerHour=Points per hour\n"
                                + "settings.volunteersOnly=Volunteers only\nsettings.notice=Notice\n"
                                + "settings.mode=Redemption\nsettings.mode.COUNTER=At the counter\n"
                                + "settings.mode.PHONE=On the phone\n")
                .writeTo(dir.resolve(pluginId + ".jar"));
    }

    /** Version 2 of {@link #settings}: {@link StricterMarketSettings}, at the same path. */
    public static Path stricterSettings(String pluginId, Path dir) {
        return PluginJar.of(pluginId, "2.0.0", SvcPlugin.class)
                .extension(StricterMarketSettings.class)
                .classes(MarketSettings.class) // version 2 keeps the bundle name its first version declared
                .writeTo(dir.resolve(pluginId + ".jar"));
    }

    /** A plugin with a counting job (every minute), a failing one (hourly) and one asking for 30 s. */
    public static Path jobs(String pluginId, Path dir) {
        return PluginJar.of(pluginId, "1.0.0", SvcPlugin.class)
                .extension(CountingJob.class)
                .extension(FailingJob.class)
                .extension(TooOftenJob.class)
                .writeTo(dir.resolve(pluginId + ".jar"));
    }
}
