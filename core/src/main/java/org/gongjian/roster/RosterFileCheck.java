package org.gongjian.roster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Inspects an uploaded .xlsx before the spreadsheet reader sees it, in bounded memory and without
 * building any large object: a hostile file (zip bomb, DTD, external entity, billion laughs, a
 * gigabyte cell, a gigabyte of shared strings, a million rows) is refused here, never parsed.
 *
 * <p>It reads the zip's central directory itself (the same one the reader uses), so that the
 * entry count is known before any entry object is built; then it inflates every entry, counting
 * the bytes actually produced (declared sizes can lie) against a total and a compression ratio.
 * Every entry that starts like XML is scanned as bytes before a parser gets them: no {@code <!}
 * (DTD, entity, comment, CDATA), no processing instruction but the XML declaration, UTF-8 only, and
 * at most {@value #MAX_MARKUP_GAP} bytes between two {@code <}, which bounds every text and every tag
 * any parser can build. A hardened StAX pass (no DTD, no external entities) then bounds the
 * nesting, the characters of one cell, the shared strings and the rows. An entry that does not
 * start like XML cannot be read as XML by anyone, so it is only counted.
 */
final class RosterFileCheck {

    /** Parts of one .xlsx: a roster has about a dozen; an image or two add a few. */
    static final int MAX_ENTRIES = 1_000;

    /**
     * All parts together, inflated. A roster of {@link RosterReader#MAX_ROWS} rows of every column,
     * written by the export, is 15.5 MB and inflates to 177 MB (HostileRosterTest).
     */
    static final long MAX_UNCOMPRESSED = 512L << 20;

    /** Inflated bytes per compressed byte of one entry, beyond its first {@value #RATIO_FREE} bytes. */
    static final int MAX_RATIO = 100;

    static final long RATIO_FREE = 1L << 20;

    /** Bytes between two {@code <}: the longest text or tag a parser may build. */
    static final int MAX_MARKUP_GAP = 256 * 1024;

    static final int MAX_DEPTH = 64;

    /** Excel's own limit for one cell. */
    static final int MAX_CELL_CHARS = 32_767;

    static final int MAX_SHARED_STRINGS = 4_000_000;
    static final long MAX_SHARED_CHARS = 40_000_000;

    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;

    private static final XMLInputFactory XML = hardened();

    private final byte[] zip;

    /** Set by {@link #start}: the entry whose beginning is wanted instead of an inspection. */
    private String wanted;

    private int headBytes;
    private byte[] head;
    private long inflatedTotal;
    private long sharedStrings;
    private long sharedChars;

    private RosterFileCheck(byte[] zip) {
        this.zip = zip;
    }

    /** Why the file must not be read, or empty when it may. */
    static Optional<RowProblem> inspect(byte[] zip) {
        try {
            inflatedSize(zip);
            return Optional.empty();
        } catch (Refused refused) {
            return Optional.of(refused.problem);
        }
    }

    /** The bytes all entries of an acceptable file inflate to (for tests and measurements). */
    static long inflatedSize(byte[] zip) {
        RosterFileCheck check = new RosterFileCheck(zip);
        check.entries();
        return check.inflatedTotal;
    }

    static RowProblem unreadable() {
        return new RowProblem(1, "", "ROSTER_UNREADABLE", "无法读取该文件：请上传 Excel（.xlsx）格式的花名册");
    }

    static RowProblem tooLarge(String key, String message, Object... args) {
        return new RowProblem(1, "", "ROSTER_TOO_LARGE", message, key, RowProblem.strings(args));
    }

    static RowProblem tooManyRows() {
        return tooLarge("ROSTER_TOO_LARGE", "超过 " + RosterReader.MAX_ROWS + " 行：请分成多个文件导入", RosterReader.MAX_ROWS);
    }

    private static RowProblem contentTooLarge() {
        return tooLarge("ROSTER_CONTENT_TOO_LARGE", "文件内容过大或压缩异常：请分成多个文件导入");
    }

    private static RowProblem cellTooLong() {
        return tooLarge("ROSTER_CELL_TOO_LONG", "有单元格超过 " + MAX_CELL_CHARS + " 个字符：请检查文件", MAX_CELL_CHARS);
    }

    private void entries() {
        int end = endOfCentralDirectory();
        if (end >= 20 && int32(end - 20) == ZIP64_LOCATOR) {
            throw new Refused(unreadable()); // no roster needs zip64; its second directory is not read here
        }
        long declaredEntries = uint16(end + 10);
        long directoryOffset = uint32(end + 16);
        if (declaredEntries == 0xFFFF || directoryOffset == 0xFFFFFFFFL) {
            throw new Refused(unreadable());
        }
        if (declaredEntries > MAX_ENTRIES) {
            throw new Refused(contentTooLarge());
        }
        // Walked as the reader walks it: record after record while the signature matches, whatever
        // the end record declares.
        int at = (int) Math.min(directoryOffset, Integer.MAX_VALUE);
        int count = 0;
        while (at + 46 <= zip.length && int32(at) == CENTRAL) {
            if (++count > MAX_ENTRIES) {
                throw new Refused(contentTooLarge());
            }
            int flags = uint16(at + 8);
            int method = uint16(at + 10);
            long compressed = uint32(at + 20);
            long declared = uint32(at + 24);
            int nameLength = uint16(at + 28);
            int next = at + 46 + nameLength + uint16(at + 30) + uint16(at + 32);
            long local = uint32(at + 42);
            if ((flags & 1) != 0 || (method != 0 && method != 8) || next > zip.length) {
                throw new Refused(unreadable()); // encrypted, an unusual compression, or cut short
            }
            if (declared > MAX_UNCOMPRESSED) {
                throw new Refused(contentTooLarge());
            }
            if (wanted == null) {
                String name = new String(zip, at + 46, nameLength, StandardCharsets.UTF_8);
                entry(
                        local,
                        compressed,
                        method == 8,
                        name.toLowerCase(Locale.ROOT).endsWith(".vml"));
            } else if (new String(zip, at + 46, nameLength, StandardCharsets.UTF_8).equals(wanted)) {
                head = head(local, compressed, method == 8);
                return;
            }
            at = next;
        }
        if (count == 0) {
            throw new Refused(unreadable());
        }
    }

    /**
     * The first {@code bytes} bytes of the entry {@code name}, inflated without reading any other
     * entry (e.g. the start of a sheet, for its declared size), or empty when there is no such
     * entry or the zip is not one this check reads. Not an inspection: the bytes are not checked.
     */
    static Optional<byte[]> start(byte[] zip, String name, int bytes) {
        RosterFileCheck check = new RosterFileCheck(zip);
        check.wanted = name;
        check.headBytes = bytes;
        try {
            check.entries();
        } catch (Refused refused) {
            return Optional.empty();
        }
        return Optional.ofNullable(check.head);
    }

    private byte[] head(long local, long compressed, boolean deflated) {
        Part part = part(local, compressed, deflated);
        try {
            return part.readNBytes(headBytes);
        } catch (IOException e) {
            return null;
        } finally {
            part.end();
        }
    }

    private Part part(long local, long compressed, boolean deflated) {
        if (local + 30 > zip.length || int32((int) local) != LOCAL) {
            throw new Refused(unreadable());
        }
        long start = local + 30 + uint16((int) local + 26) + uint16((int) local + 28);
        if (start + compressed > zip.length) {
            throw new Refused(unreadable());
        }
        return new Part((int) start, (int) compressed, deflated);
    }

    private int endOfCentralDirectory() {
        for (int at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xFFFF); at--) {
            if (int32(at) == EOCD) {
                return at;
            }
        }
        throw new Refused(unreadable());
    }

    /**
     * @param legacyDrawing a VML part (the drawing of cell comments): Excel writes it as XML that is
     *     not always well-formed ({@code <br>}), and no reader of rosters reads it; a parse error in
     *     it is no refusal, its bytes are still scanned and counted to the end
     */
    private void entry(long local, long compressed, boolean deflated, boolean legacyDrawing) {
        Part part = part(local, compressed, deflated);
        try {
            if (part.startsLikeXml()) {
                xml(part, legacyDrawing);
            } else {
                part.skipAll();
            }
        } catch (IOException | XMLStreamException e) {
            throw part.refused != null ? part.refused : new Refused(unreadable());
        } finally {
            part.end();
        }
    }

    private void xml(Part part, boolean legacyDrawing) throws IOException, XMLStreamException {
        try {
            xml(part);
        } catch (XMLStreamException e) {
            if (!legacyDrawing || part.refused != null) {
                throw e;
            }
            part.skipAll();
        }
    }

    /** The StAX pass over one part whose bytes the {@link Part} scans as they are read. */
    private void xml(Part part) throws IOException, XMLStreamException {
        XMLStreamReader reader = XML.createXMLStreamReader(part, "UTF-8");
        try {
            String encoding = reader.getCharacterEncodingScheme();
            if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
                throw new Refused(unreadable());
            }
            int depth = 0;
            int cellDepth = 0;
            long cellChars = 0;
            boolean inSharedString = false;
            boolean rowCounted = true;
            int rows = 0;
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++depth > MAX_DEPTH) {
                            throw new Refused(unreadable());
                        }
                        String name = reader.getLocalName();
                        if (name.equals("row")) {
                            rowCounted = false;
                        }
                        boolean value = name.equals("v") || name.equals("is") || name.equals("f") || name.equals("si");
                        if (value && !rowCounted) {
                            rowCounted = true;
                            if (++rows > RosterReader.MAX_ROWS + 1) {
                                throw new Refused(tooManyRows());
                            }
                        }
                        if (value && cellDepth == 0) {
                            cellDepth = depth;
                            cellChars = 0;
                            inSharedString = name.equals("si");
                            if (inSharedString && ++sharedStrings > MAX_SHARED_STRINGS) {
                                throw new Refused(contentTooLarge());
                            }
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (depth == cellDepth) {
                            cellDepth = 0;
                        }
                        depth--;
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA -> {
                        if (cellDepth > 0) {
                            cellChars += reader.getTextLength();
                            if (cellChars > MAX_CELL_CHARS) {
                                throw new Refused(cellTooLong());
                            }
                            if (inSharedString && (sharedChars += reader.getTextLength()) > MAX_SHARED_CHARS) {
                                throw new Refused(contentTooLarge());
                            }
                        }
                    }
                    case XMLStreamConstants.DTD,
                            XMLStreamConstants.ENTITY_REFERENCE,
                            XMLStreamConstants.ENTITY_DECLARATION,
                            XMLStreamConstants.NOTATION_DECLARATION -> throw new Refused(unreadable());
                    default -> {}
                }
            }
        } finally {
            reader.close();
        }
        part.skipAll(); // anything after the root element still counts
    }

    private static XMLInputFactory hardened() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(
                XMLInputFactory.RESOLVER, (javax.xml.stream.XMLResolver) (publicId, systemId, base, namespace) -> {
                    throw new XMLStreamException("No external entity is read");
                });
        return factory;
    }

    private int uint16(int at) {
        if (at < 0 || at + 2 > zip.length) {
            throw new Refused(unreadable());
        }
        return (zip[at] & 0xFF) | (zip[at + 1] & 0xFF) << 8;
    }

    private long uint32(int at) {
        return int32(at) & 0xFFFFFFFFL;
    }

    private int int32(int at) {
        if (at < 0 || at + 4 > zip.length) {
            throw new Refused(unreadable());
        }
        return (zip[at] & 0xFF) | (zip[at + 1] & 0xFF) << 8 | (zip[at + 2] & 0xFF) << 16 | (zip[at + 3] & 0xFF) << 24;
    }

    /**
     * One entry's content, inflated on demand and scanned byte by byte before the parser gets it.
     * A refusal is kept in {@link #refused} (a parser may wrap the exception that carries it).
     */
    private final class Part extends InputStream {

        private final int start;
        private final int length;
        private final Inflater inflater;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;
        private long produced;
        private long sinceMarkup;
        private boolean afterMarkup;
        private int markups;
        private boolean scanning;
        Refused refused;

        Part(int start, int length, boolean deflated) {
            this.start = start;
            this.length = length;
            this.inflater = deflated ? new Inflater(true) : null;
            if (inflater != null) {
                inflater.setInput(zip, start, length);
            }
        }

        /** Whether the content begins (after an optional UTF-8 byte order mark and blanks) with {@code <}. */
        boolean startsLikeXml() throws IOException {
            if (!fill()) {
                return false;
            }
            int at = position;
            if (limit - at >= 3 && (buffer[at] & 0xFF) == 0xEF && (buffer[at + 1] & 0xFF) == 0xBB) {
                at += 3;
            }
            while (at < limit
                    && (buffer[at] == ' ' || buffer[at] == '\n' || buffer[at] == '\r' || buffer[at] == '\t')) {
                at++;
            }
            if (at == limit) {
                return false;
            }
            if (wideXml(at)) {
                throw refuse(unreadable()); // UTF-16 or UTF-32: every part of an .xlsx is UTF-8
            }
            if (buffer[at] != '<') {
                return false;
            }
            scanning = true;
            scan(limit);
            return true;
        }

        /** A byte order mark of UTF-16 or UTF-32, or a {@code <} in one of them, at {@code at}. */
        private boolean wideXml(int at) {
            int a = buffer[at] & 0xFF;
            int b = at + 1 < limit ? buffer[at + 1] & 0xFF : -1;
            int c = at + 2 < limit ? buffer[at + 2] & 0xFF : -1;
            int d = at + 3 < limit ? buffer[at + 3] & 0xFF : -1;
            return a == 0xFE && b == 0xFF
                    || a == 0xFF && b == 0xFE
                    || a == '<' && b == 0
                    || a == 0 && b == '<'
                    || a == 0 && b == 0 && (c == 0xFE && d == 0xFF || c == 0 && d == '<');
        }

        void skipAll() throws IOException {
            while (fill()) {
                position = limit;
            }
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return buffer[position++] & 0xFF;
        }

        @Override
        public int read(byte[] into, int offset, int count) throws IOException {
            if (count == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(count, limit - position);
            System.arraycopy(buffer, position, into, offset, n);
            position += n;
            return n;
        }

        /** Makes bytes available; false at the end of the entry. */
        private boolean fill() throws IOException {
            if (position < limit) {
                return true;
            }
            int n = inflate();
            if (n <= 0) {
                return false;
            }
            produced += n;
            if ((inflatedTotal += n) > MAX_UNCOMPRESSED
                    || produced > RATIO_FREE && produced > (long) MAX_RATIO * Math.max(1, length)) {
                throw refuse(contentTooLarge());
            }
            if (scanning) {
                scan(n);
            }
            position = 0;
            limit = n;
            return true;
        }

        private int inflate() throws IOException {
            if (inflater == null) {
                int n = (int) Math.min(buffer.length, length - produced);
                if (n > 0) {
                    System.arraycopy(zip, start + (int) produced, buffer, 0, n);
                }
                return n;
            }
            try {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw refuse(unreadable()); // the compressed data ends before the content does
                }
                return n;
            } catch (DataFormatException e) {
                throw refuse(unreadable());
            }
        }

        private void scan(int n) throws IOException {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (afterMarkup) {
                    afterMarkup = false;
                    if (b == '!' || b == '?' && markups > 1) {
                        throw refuse(unreadable()); // DTD, entity, comment, CDATA, processing instruction
                    }
                }
                if (b == '<') {
                    afterMarkup = true;
                    markups++;
                    sinceMarkup = 0;
                } else if (++sinceMarkup > MAX_MARKUP_GAP) {
                    throw refuse(cellTooLong());
                }
            }
        }

        private IOException refuse(RowProblem problem) {
            refused = new Refused(problem);
            return new IOException(problem.code());
        }

        /** Not the end of the entry: a parser closes its stream, and the rest is still counted. */
        @Override
        public void close() {}

        void end() {
            if (inflater != null) {
                inflater.end();
            }
        }
    }

    /** A refusal with the problem the user is told; no stack trace (it is an answer, not a fault). */
    private static final class Refused extends RuntimeException {

        final transient RowProblem problem;

        Refused(RowProblem problem) {
            super(problem.code(), null, false, false);
            this.problem = problem;
        }
    }
}
