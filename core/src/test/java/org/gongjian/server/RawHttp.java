package org.gongjian.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * HTTP/1.1 by hand over a socket, for what a well-behaved client cannot do: declare a body and not
 * send it, stream a chunked body of any size, and see whether the server closed the connection.
 */
final class RawHttp {

    /** What came back: the status line's code, the head and the body, and whether the server closed. */
    record Answer(int status, String head, String body, boolean closed) {

        boolean hasHeader(String name, String value) {
            return head.lines().anyMatch(l -> l.equalsIgnoreCase(name + ": " + value));
        }
    }

    private RawHttp() {}

    /** Sends the request head only and reads the answer, waiting at most {@code timeoutMillis}. */
    static Answer headOnly(int port, String head, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /**
     * Sends the head, then {@code bodyBytes} of filler ({@code chunked} or raw), stopping early if
     * the server stops listening, then reads the answer.
     */
    static Answer stream(int port, String head, long bodyBytes, boolean chunked, int timeoutMillis) throws IOException {
        return stream(port, head, "", bodyBytes, chunked, timeoutMillis);
    }

    /**
     * The same with a body that starts with {@code prefix}: {@code {"username":"} makes the filler one
     * huge JSON string, which a parser would have to hold whole.
     */
    static Answer stream(int port, String head, String prefix, long bodyBytes, boolean chunked, int timeoutMillis)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            byte[] filler = new byte[64 * 1024];
            Arrays.fill(filler, (byte) 'a');
            byte[] chunkHead = (Integer.toHexString(filler.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
                if (start.length > 0) {
                    if (chunked) {
                        out.write((Integer.toHexString(start.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(start);
                    if (chunked) {
                        out.write(new byte[] {'\r', '\n'});
                    }
                }
                for (long sent = start.length; sent < bodyBytes; sent += filler.length) {
                    if (chunked) {
                        out.write(chunkHead);
                    }
                    out.write(filler);
                    if (chunked) {
                        out.write(new byte[] {'\r', '\n'});
                    }
                }
                if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException stoppedListening) {
                // The server answered and closed while we were still sending: read what it said.
            }
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        boolean closed = false;
        try {
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    closed = true;
                    break;
                }
                all.write(buffer, 0, n);
                if (complete(all.toString(StandardCharsets.ISO_8859_1))) {
                    // Answer complete: wait briefly for the close, if the server closes.
                    int next = in.read();
                    closed = next < 0;
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            if (all.size() == 0) {
                throw e;
            }
        } catch (java.net.SocketException reset) {
            closed = true;
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        if (split < 0) {
            throw new IOException("no answer: " + text);
        }
        String head = text.substring(0, split);
        int status = Integer.parseInt(head.substring(9, 12));
        return new Answer(status, head, text.substring(split + 4), closed);
    }

    private static boolean complete(String text) {
        int split = text.indexOf("\r\n\r\n");
        if (split < 0) {
            return false;
        }
        String head = text.substring(0, split).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length: ");
        if (at < 0) {
            return false;
        }
        int end = head.indexOf("\r\n", at);
        long length = Long.parseLong(
                head.substring(at + 16, end < 0 ? head.length() : end).strip());
        return text.length() - split - 4 >= length;
    }
}
