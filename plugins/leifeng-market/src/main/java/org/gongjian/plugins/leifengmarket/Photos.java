package org.gongjian.plugins.leifengmarket;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Photos of goods and donations ({@code leifeng_market_photo}), in the plugin's own schema so that
 * every app node serves the same photo. A photo is a JPEG or PNG by its bytes (the file's name says
 * nothing), at most 2 MB, with a readable size of at most 10000 × 10000 pixels.
 */
final class Photos {

    static final int MAX_BYTES = 2 * 1024 * 1024;
    private static final int MAX_SIDE = 10_000;

    private Photos() {}

    /** A photo: its type from its bytes, and the bytes. */
    record Photo(long id, String contentType, byte[] content) {}

    /**
     * The type of the bytes, {@code image/jpeg} or {@code image/png}; refused with
     * MARKET_PHOTO_INVALID (not an image of those kinds) or MARKET_PHOTO_TOO_LARGE.
     */
    static String check(byte[] content) {
        if (content == null || content.length == 0) {
            throw MarketRefused.invalid("MARKET_PHOTO_INVALID", "photo", "error.photo");
        }
        if (content.length > MAX_BYTES) {
            throw MarketRefused.invalid("MARKET_PHOTO_TOO_LARGE", "photo", "error.photo-too-large");
        }
        String type;
        if (starts(content, 0xFF, 0xD8, 0xFF)) {
            type = "image/jpeg";
        } else if (starts(content, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            type = "image/png";
        } else {
            throw MarketRefused.invalid("MARKET_PHOTO_INVALID", "photo", "error.photo");
        }
        // The header must read as an image of a sane size: a renamed text file or a truncated header is refused.
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw MarketRefused.invalid("MARKET_PHOTO_INVALID", "photo", "error.photo");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
                    throw MarketRefused.invalid("MARKET_PHOTO_INVALID", "photo", "error.photo");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MarketRefused refused) {
                throw refused;
            }
            throw MarketRefused.invalid("MARKET_PHOTO_INVALID", "photo", "error.photo");
        }
        return type;
    }

    /** Stores a checked photo of an owner ({@code ITEM} or {@code DONATION}); answers its id. */
    static long store(
            Connection c, long id, String ownerKind, long ownerId, String type, byte[] content, Instant at, long by)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO leifeng_market_photo"
                        + " (id, owner_kind, owner_id, content_type, size, content, at, by_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, id);
            s.setString(2, ownerKind);
            s.setLong(3, ownerId);
            s.setString(4, type);
            s.setInt(5, content.length);
            s.setBytes(6, content);
            s.setTimestamp(7, Timestamp.from(at));
            s.setLong(8, by);
            s.executeUpdate();
        }
        return id;
    }

    /** A photo by its id, of that owner. */
    static Optional<Photo> load(Connection c, long id, String ownerKind, long ownerId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, content_type, content FROM leifeng_market_photo"
                + " WHERE id = ? AND owner_kind = ? AND owner_id = ?")) {
            s.setLong(1, id);
            s.setString(2, ownerKind);
            s.setLong(3, ownerId);
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(new Photo(r.getLong(1), r.getString(2), r.getBytes(3)))
                        : Optional.empty();
            }
        }
    }

    private static boolean starts(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
