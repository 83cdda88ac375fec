package org.gongjian.plugins;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.api.ApiError;
import org.gongjian.api.ApiMessages;
import org.gongjian.api.ErrorCodes;
import org.gongjian.api.Idempotency;
import org.gongjian.plugin.api.Endpoint;
import org.gongjian.plugin.api.EndpointException;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugin.api.Json;
import org.gongjian.sdk.CurrentPluginCaller;
import org.gongjian.sdk.HostCaller;
import org.gongjian.sdk.HostCallers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the endpoints plugins contribute, at {@code /api/plugins/<pluginId>/x/<path>}: authenticated
 * like every endpoint, bodies bounded by the server (64 KiB), the caller bound for {@code
 * Access.currentCaller()} during the call. A refusal the plugin throws ({@link EndpointException})
 * is the platform's JSON error with its code; anything else the plugin throws answers 500 with the
 * generic message and is logged once, with the plugin and endpoint named. Documented per plugin in
 * the OpenAPI document ({@link PluginEndpointDocs}), not here.
 */
@Controller("/api/plugins/{pluginId}/x")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
class PluginEndpointsController {

    private static final Logger LOG = LoggerFactory.getLogger(PluginEndpointsController.class);

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,47}");

    private final PluginEndpoints endpoints;
    private final Callers callers;
    private final HostCallers pluginCallers;

    PluginEndpointsController(PluginEndpoints endpoints, Callers callers, HostCallers pluginCallers) {
        this.endpoints = endpoints;
        this.callers = callers;
        this.pluginCallers = pluginCallers;
    }

    @Get("/{+path}")
    HttpResponse<?> get(HttpRequest<?> request, Authentication authentication, String pluginId, String path) {
        return dispatch(request, authentication, pluginId, Endpoint.Method.GET, path, null);
    }

    @Delete("/{+path}")
    HttpResponse<?> delete(HttpRequest<?> request, Authentication authentication, String pluginId, String path) {
        return dispatch(request, authentication, pluginId, Endpoint.Method.DELETE, path, null);
    }

    @Post("/{+path}")
    HttpResponse<?> post(
            HttpRequest<?> request,
            Authentication authentication,
            String pluginId,
            String path,
            @Nullable @Body byte[] body) {
        return dispatch(request, authentication, pluginId, Endpoint.Method.POST, path, body);
    }

    @Put("/{+path}")
    HttpResponse<?> put(
            HttpRequest<?> request,
            Authentication authentication,
            String pluginId,
            String path,
            @Nullable @Body byte[] body) {
        return dispatch(request, authentication, pluginId, Endpoint.Method.PUT, path, body);
    }

    /** Holds the plugin's version for the request: an upgrade waits for it, and it for an upgrade. */
    private HttpResponse<?> dispatch(
            HttpRequest<?> request,
            Authentication authentication,
            String pluginId,
            Endpoint.Method method,
            String path,
            byte @Nullable [] body) {
        try (PluginHost.Lease lease = endpoints.lease(pluginId)) {
            return dispatchHeld(request, authentication, pluginId, method, path, body);
        } catch (PluginRefused busy) {
            Locale language = ApiMessages.language(request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(ApiError.of(busy.code(), ApiMessages.message(busy.code(), null, language)));
        }
    }

    private HttpResponse<?> dispatchHeld(
            HttpRequest<?> request,
            Authentication authentication,
            String pluginId,
            Endpoint.Method method,
            String path,
            byte @Nullable [] body) {
        Caller caller = callers.of(authentication);
        Locale language = ApiMessages.language(request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
        PluginEndpoints.Match match;
        try {
            match = endpoints.resolve(caller, pluginId, method, path);
        } catch (PluginEndpoints.MethodNotAllowed e) {
            return HttpResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                    .body(ApiError.of(
                            ErrorCodes.METHOD_NOT_ALLOWED,
                            ApiMessages.message(ErrorCodes.METHOD_NOT_ALLOWED, null, language)));
        }
        String text;
        try {
            text = body == null || body.length == 0 ? "" : utf8(body);
        } catch (CharacterCodingException e) {
            return refusal(new EndpointException(400, ErrorCodes.MALFORMED_REQUEST, "The body is not UTF-8 text"));
        }
        HostCaller pluginCaller = pluginCallers.of(caller, language);
        EndpointRequest call = new EndpointRequest(
                pluginCaller,
                match.pathParameters(),
                request.getParameters().asMap(),
                Optional.ofNullable(request.getHeaders().get(Idempotency.KEY)),
                text);
        Endpoint endpoint = match.endpoint();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try {
            thread.setContextClassLoader(endpoint.getClass().getClassLoader());
            EndpointResponse answer = CurrentPluginCaller.callAs(pluginCaller, () -> endpoint.handle(call));
            return answer(match, answer);
        } catch (EndpointException e) {
            if ((e.status() < 400 || e.status() > 499) && e.status() != 503
                    || e.status() == 401
                    || e.code() == null
                    || !CODE.matcher(e.code()).matches()) {
                return failed(
                        match,
                        new IllegalStateException(
                                "EndpointException with status " + e.status() + " and code " + e.code()
                                        + ": a refusal needs a 4xx status (not 401) or 503 and a code [A-Z][A-Z0-9_]{0,47}"));
            }
            return refusal(e);
        } catch (VirtualMachineError e) {
            if (!(e instanceof StackOverflowError)) {
                throw e;
            }
            return failed(match, e);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            return failed(match, e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** The plugin's answer, checked: a 2xx status and a JSON body (or none for 204). */
    private static HttpResponse<?> answer(PluginEndpoints.Match match, EndpointResponse answer) {
        if (answer == null || answer.status() < 200 || answer.status() > 299) {
            return failed(
                    match, new IllegalStateException("The endpoint answered " + answer + ": it needs a 2xx status"));
        }
        String json = answer.json() == null ? "" : answer.json();
        if (answer.status() == 204 || json.isEmpty()) {
            return HttpResponse.status(HttpStatus.valueOf(answer.status()));
        }
        try {
            Json.parse(json);
        } catch (EndpointException e) {
            return failed(
                    match,
                    new IllegalStateException("The endpoint answered a body that is not JSON: " + e.getMessage()));
        }
        return HttpResponse.status(HttpStatus.valueOf(answer.status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The plugin's refusal as the platform's error; {@code ApiErrorLanguage} puts its message in the caller's language. */
    private static MutableHttpResponse<ApiError> refusal(EndpointException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        List<ApiError.FieldError> fields =
                e.field().map(f -> List.of(new ApiError.FieldError(f, message))).orElse(List.of());
        MutableHttpResponse<ApiError> response = HttpResponse.<ApiError>status(HttpStatus.valueOf(e.status()))
                .body(new ApiError(e.code(), message, fields));
        // "Try again shortly": what the host is settling is decided within two minutes.
        return e.status() == 503 ? response.header(HttpHeaders.RETRY_AFTER, "60") : response;
    }

    /** 500 with the generic message; the failure is logged here once (the plugin, the endpoint, the exception). */
    private static MutableHttpResponse<ApiError> failed(PluginEndpoints.Match match, Throwable failure) {
        LOG.error(
                "Plugin {} endpoint {} {} ({}) failed",
                match.pluginId(),
                match.endpoint().method(),
                match.endpoint().path(),
                match.endpoint().getClass().getName(),
                failure);
        return HttpResponse.<ApiError>status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(ApiError.of(ErrorCodes.INTERNAL_ERROR, ""));
    }

    private static String utf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
    }
}
