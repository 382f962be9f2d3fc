package io.channelhub.app.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;

/** A request body read whole up to a limit, and the 413 beyond it: one rule for the webhook edge and the API. */
public final class RequestBodies {
    private RequestBodies() {
    }

    /**
     * The body, or null when it exceeds {@code max}: refused on its declared length before reading, else read
     * into one array of that length, or, without one, up to one byte beyond the limit.
     */
    public static byte[] readAtMost(HttpServletRequest request, long max) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > max) {
            return null;
        }
        InputStream in = request.getInputStream();
        if (declared >= 0) {
            return in.readNBytes((int) declared);
        }
        byte[] bytes = in.readNBytes((int) max + 1);
        return bytes.length > max ? null : bytes;
    }

    /** 413, and the connection closed: the rest of an oversized body is not worth reading. */
    public static int writeTooLarge(HttpServletResponse response, long max) throws IOException {
        response.setHeader("Connection", "close");
        return Problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "Content Too Large",
                "the request body is larger than " + max + " bytes");
    }
}
