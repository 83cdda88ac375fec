package org.gongjian.security;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.gongjian.access.Role;
import org.gongjian.home.GongjianHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the first start (no user at all), creates {@code admin} with a random password, writes it to
 * {@code $GONGJIAN_HOME/initial-admin-password} (mode 600) and prints it once. The password must be
 * changed at the first sign-in; the file is deleted as soon as it is (or at the next start, if it
 * was left behind by an older version).
 */
@Singleton
class InitialAdmin implements ApplicationEventListener<StartupEvent> {

    static final String USERNAME = "admin";
    static final String PASSWORD_FILE = "initial-admin-password";

    private static final Logger LOG = LoggerFactory.getLogger(InitialAdmin.class);

    private final Accounts accounts;
    private final UserRepository users;
    private final GongjianHome home;

    InitialAdmin(Accounts accounts, UserRepository users, GongjianHome home) {
        this.accounts = accounts;
        this.users = users;
        this.home = home;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (accounts.anyUserExists()) {
            if (users.findByUsername(USERNAME)
                    .filter(u -> !u.passwordChangeNeeded())
                    .isPresent()) {
                deletePasswordFile();
            }
            return;
        }
        String password = PasswordPolicy.generate();
        accounts.createUser(USERNAME, password, true, Set.of(Role.PLATFORM_ADMIN));
        Path file = home.writePrivateFile(PASSWORD_FILE, password + System.lineSeparator());
        LOG.info("Created the administrator account '{}'; its one-time password is in {}", USERNAME, file);
        System.out.println();
        System.out.println("  Administrator account: " + USERNAME);
        System.out.println("  One-time password:     " + password + "   (also in " + file + ")");
        System.out.println("  You will be asked to choose a new password at the first sign-in.");
        System.out.println();
    }

    /** The one-time password is of no use once the administrator has chosen one: it leaves the disk. */
    @EventListener
    void onPasswordChanged(PasswordChanged changed) {
        if (USERNAME.equals(changed.username())) {
            deletePasswordFile();
        }
    }

    private void deletePasswordFile() {
        Path file = home.root().resolve(PASSWORD_FILE);
        try {
            if (Files.deleteIfExists(file)) {
                LOG.info("Deleted {}: the administrator has chosen a password", file);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete {}: delete it by hand ({})", file, e.getMessage());
        }
    }
}
