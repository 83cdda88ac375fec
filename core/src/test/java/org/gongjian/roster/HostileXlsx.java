package org.gongjian.roster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Hostile .xlsx files, built in memory with java.util.zip (no binaries in the repository): each
 * is a small, otherwise well-formed workbook whose first sheet or shared strings carry the attack.
 * The sizes are the real ones of the attack (a 1.5 GB cell, a gigabyte of shared strings, 1,048,576
 * rows): they are streamed into the deflater, never held.
 */
final class HostileXlsx {

    private HostileXlsx() {}

    /** Writes the content of one part. */
    interface Content {
        void write(OutputStream out) throws IOException;
    }

    static final String SHEET_START = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
    static final String SHEET_END = "</sheetData></worksheet>";

    static byte[] malformedXml() {
        return withSheet(SHEET_START + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>姓名</t></c></row>" + SHEET_END);
    }

    static byte[] withDtd() {
        return withSheet("<?xml version=\"1.0\"?>\n<!DOCTYPE worksheet [<!ELEMENT worksheet ANY>]>"
                + SHEET_START.substring(SHEET_START.indexOf("<worksheet")) + SHEET_END);
    }

    /** An external entity pointing at {@code url}; a reader that resolves it would fetch that address. */
    static byte[] externalEntity(String url) {
        return withSheet("<?xml version=\"1.0\"?>\n<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"" + url + "\">]>"
                + SHEET_START.substring(SHEET_START.indexOf("<worksheet"))
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>" + SHEET_END);
    }

    static byte[] billionLaughs() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE worksheet [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            dtd.append(("&lol" + (i - 1) + ";").repeat(10));
            dtd.append("\">");
        }
        dtd.append("]>");
        return withSheet("<?xml version=\"1.0\"?>\n" + dtd
                + SHEET_START.substring(SHEET_START.indexOf("<worksheet"))
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row>" + SHEET_END);
    }

    /** One shared string of {@code bytes} letters (1.5 GB compress to about 1.5 MB). */
    static byte[] hugeCell(long bytes) {
        return workbook(sheet(SHEET_START + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>" + SHEET_END), out -> {
            write(out, "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>");
            repeat(out, (byte) 'a', bytes);
            write(out, "</t></si></sst>");
        });
    }

    /** {@code bytes} of small shared strings. */
    static byte[] hugeSharedStrings(long bytes) {
        byte[] item = "<si><t>志愿者</t></si>".getBytes(StandardCharsets.UTF_8);
        return workbook(sheet(SHEET_START + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>" + SHEET_END), out -> {
            write(out, "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
            byte[] block = new byte[item.length * 4096];
            for (int i = 0; i < 4096; i++) {
                System.arraycopy(item, 0, block, i * item.length, item.length);
            }
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block);
            }
            write(out, "</sst>");
        });
    }

    /** A first sheet of {@code rows} rows, each with one short text cell. */
    static byte[] rows(int rows) {
        return workbook(
                out -> {
                    write(out, SHEET_START);
                    StringBuilder row = new StringBuilder(64);
                    for (int r = 1; r <= rows; r++) {
                        row.setLength(0);
                        row.append("<row r=\"")
                                .append(r)
                                .append("\"><c r=\"A")
                                .append(r)
                                .append("\" t=\"inlineStr\"><is><t>张")
                                .append(r)
                                .append("</t></is></c></row>");
                        write(out, row.toString());
                    }
                    write(out, SHEET_END);
                },
                null);
    }

    /** Elements nested {@code depth} deep inside a cell. */
    static byte[] deepNesting(int depth) {
        return withSheet(
                SHEET_START + "<row r=\"1\">" + "<c>".repeat(depth) + "</c>".repeat(depth) + "</row>" + SHEET_END);
    }

    /** A number cell of a billion digits once written out. */
    static byte[] hugeNumber() {
        return withSheet(SHEET_START
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>姓名</t></is></c>"
                + "<c r=\"B1\" t=\"inlineStr\"><is><t>身份证号</t></is></c>"
                + "<c r=\"C1\" t=\"inlineStr\"><is><t>所属组织</t></is></c>"
                + "<c r=\"D1\" t=\"inlineStr\"><is><t>入党日期</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>张三</t></is></c><c r=\"B2\"><v>1E999999999</v></c>"
                + "<c r=\"C2\" t=\"inlineStr\"><is><t>和平社区党委</t></is></c><c r=\"D2\"><v>-1E999999999</v></c></row>"
                + SHEET_END);
    }

    /**
     * A well-formed workbook with an extra entry of {@code bytes} zeros whose central directory
     * declares 1,000 bytes: only counting what the inflater produces finds it.
     */
    static byte[] zipBomb(long bytes) {
        Map<String, Content> parts = base(sheet(SHEET_START + SHEET_END), null);
        parts.put("xl/media/image1.png", out -> repeat(out, (byte) 0, bytes));
        return understated(zip(parts), "xl/media/image1.png");
    }

    /** As {@link #zipBomb}, with the bomb as the first entry, before the sheet. */
    static byte[] zipBombFirst(long bytes) {
        Map<String, Content> parts = new LinkedHashMap<>();
        parts.put("xl/media/image1.png", out -> repeat(out, (byte) 0, bytes));
        parts.putAll(base(
                sheet(SHEET_START.replace("<sheetData>", "<dimension ref=\"A1:P5001\"/><sheetData>") + SHEET_END),
                null));
        return understated(zip(parts), "xl/media/image1.png");
    }

    /** The file with the central directory declaring 1,000 bytes for the entry {@code name}. */
    static byte[] understated(byte[] zip, String name) {
        return declareSize(zip, name, 1000);
    }

    /** A workbook with the legacy drawing of a cell comment as Excel writes it ({@code <br>} unclosed). */
    static byte[] withCommentDrawing(String vml) {
        Map<String, Content> parts = base(sheet(SHEET_START + SHEET_END), null);
        parts.put("xl/drawings/vmlDrawing1.vml", out -> write(out, vml));
        return zip(parts);
    }

    static byte[] manyEntries(int entries) {
        Map<String, Content> parts = base(sheet(SHEET_START + SHEET_END), null);
        for (int i = 0; i < entries; i++) {
            parts.put("xl/extra/part" + i + ".xml", out -> write(out, "<x/>"));
        }
        return zip(parts);
    }

    static byte[] withSheet(String sheetXml) {
        return workbook(sheet(sheetXml), null);
    }

    static Content sheet(String xml) {
        return out -> write(out, xml);
    }

    static byte[] workbook(Content sheet, Content sharedStrings) {
        return zip(base(sheet, sharedStrings));
    }

    private static Map<String, Content> base(Content sheet, Content sharedStrings) {
        Map<String, Content> parts = new LinkedHashMap<>();
        parts.put(
                "[Content_Types].xml",
                out -> write(
                        out,
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                                + (sharedStrings == null
                                        ? ""
                                        : "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>")
                                + "</Types>"));
        parts.put(
                "_rels/.rels",
                out -> write(
                        out,
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                                + "</Relationships>"));
        parts.put(
                "xl/workbook.xml",
                out -> write(
                        out,
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                                + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                                + "<sheets><sheet name=\"花名册\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
        parts.put(
                "xl/_rels/workbook.xml.rels",
                out -> write(
                        out,
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                                + (sharedStrings == null
                                        ? ""
                                        : "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>")
                                + "</Relationships>"));
        parts.put("xl/worksheets/sheet1.xml", sheet);
        if (sharedStrings != null) {
            parts.put("xl/sharedStrings.xml", sharedStrings);
        }
        return parts;
    }

    /**
     * A zip of the parts, written here rather than by ZipOutputStream: a part of gigabytes of the
     * same block is deflated once per distinct block and the compressed block repeated (a sync
     * flush leaves the deflater in the same state after each copy), so that making a 1.5 GB cell
     * takes milliseconds, not a minute. The output is an ordinary deflated zip.
     */
    private static byte[] zip(Map<String, Content> parts) {
        try {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            ByteArrayOutputStream directory = new ByteArrayOutputStream();
            for (Map.Entry<String, Content> part : parts.entrySet()) {
                byte[] name = part.getKey().getBytes(StandardCharsets.UTF_8);
                Deflating data = new Deflating();
                part.getValue().write(data);
                data.finish();
                int offset = file.size();
                header(file, 0x04034b50, false, name, data, 0);
                file.write(data.compressed.toByteArray());
                header(directory, 0x02014b50, true, name, data, offset);
            }
            int directoryOffset = file.size();
            file.write(directory.toByteArray());
            le(file, 0x06054b50, 4);
            le(file, 0, 4);
            le(file, parts.size(), 2);
            le(file, parts.size(), 2);
            le(file, directory.size(), 4);
            le(file, directoryOffset, 4);
            le(file, 0, 2);
            return file.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void header(
            ByteArrayOutputStream out, int signature, boolean central, byte[] name, Deflating data, int offset)
            throws IOException {
        le(out, signature, 4);
        if (central) {
            le(out, 20, 2);
        }
        le(out, 20, 2);
        le(out, 0x0800, 2); // UTF-8 names
        le(out, 8, 2); // deflated
        le(out, 0, 2);
        le(out, 0x21, 2);
        le(out, data.crc.getValue(), 4);
        le(out, data.compressed.size(), 4);
        le(out, data.count, 4);
        le(out, name.length, 2);
        le(out, 0, 2);
        if (central) {
            le(out, 0, 2);
            le(out, 0, 2);
            le(out, 0, 2);
            le(out, 0, 4);
            le(out, offset, 4);
        }
        out.write(name);
    }

    private static void le(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
    }

    /** Raw deflate of what is written, reusing the compressed form of a block repeated many times. */
    private static final class Deflating extends OutputStream {

        final ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        final CRC32 crc = new CRC32();
        long count;
        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        private final byte[] buffer = new byte[1 << 16];
        private byte[] previous;
        private int same;
        private byte[] repeated;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            crc.update(b, off, len);
            count += len;
            boolean block = len >= 4096;
            if (block && previous != null && Arrays.equals(previous, 0, previous.length, b, off, off + len)) {
                same++;
            } else {
                same = 0;
                repeated = null;
                previous = block ? Arrays.copyOfRange(b, off, off + len) : null;
            }
            if (same >= 3 && repeated != null) {
                compressed.writeBytes(repeated);
                return;
            }
            int before = compressed.size();
            deflater.setInput(b, off, len);
            drain(block ? Deflater.SYNC_FLUSH : Deflater.NO_FLUSH);
            if (same == 2) {
                repeated = Arrays.copyOfRange(compressed.toByteArray(), before, compressed.size());
            }
        }

        void finish() {
            deflater.finish();
            while (!deflater.finished()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
            deflater.end();
        }

        private void drain(int flush) {
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, flush);
                compressed.write(buffer, 0, n);
            } while (n == buffer.length || !deflater.needsInput());
        }
    }

    /** Rewrites the uncompressed size the central directory declares for {@code name}. */
    private static byte[] declareSize(byte[] zip, String name, int size) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + 46 < zip.length; at++) {
            if (zip[at] == 0x50 && zip[at + 1] == 0x4b && zip[at + 2] == 1 && zip[at + 3] == 2) {
                int nameLength = (zip[at + 28] & 0xFF) | (zip[at + 29] & 0xFF) << 8;
                if (Arrays.equals(zip, at + 46, at + 46 + nameLength, wanted, 0, wanted.length)) {
                    for (int i = 0; i < 4; i++) {
                        zip[at + 24 + i] = (byte) (size >>> (8 * i));
                    }
                    return zip;
                }
            }
        }
        throw new IllegalStateException("no central directory record for " + name);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void repeat(OutputStream out, byte b, long count) throws IOException {
        byte[] block = new byte[1 << 20];
        Arrays.fill(block, b);
        for (long written = 0; written < count; written += block.length) {
            out.write(block, 0, (int) Math.min(block.length, count - written));
        }
    }
}
