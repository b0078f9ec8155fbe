package io.signalbox.app.download;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Head;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.signalbox.app.api.ApiException;
import io.signalbox.app.tenant.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Downloads of results: {@code GET} streams the result, whole or one byte range, with its size, entity tag and
 * digest, or redirects to a presigned URL of it in storage when asked to; {@code HEAD} answers the same headers
 * without reading anything. Binds, delegates, maps to HTTP.
 */
@Controller("/v1/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "jobs")
@ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
final class ResultController {

    private static final String JOB_ID_EXAMPLE = "5f0c2a4e-8a1b-4c47-9a55-3f1e0d2b9c11";

    /** RFC 9530: the digest of the whole representation, whichever part of it an answer carries. */
    static final String REPR_DIGEST = "Repr-Digest";
    /** RFC 7240. */
    static final String PREFER = "Prefer";
    static final String PREFERENCE_APPLIED = "Preference-Applied";

    private final ResultDownloads downloads;
    private final DownloadCompletions completions;

    ResultController(ResultDownloads downloads, DownloadCompletions completions) {
        this.downloads = downloads;
        this.completions = completions;
    }

    @Get(value = "/{id}/result", headRoute = false)
    @Operation(summary = "Download the result, whole or one byte range, or be redirected to it in storage",
            description = "Streams the result with `Content-Length`, `ETag` and `Repr-Digest`. Once the answers together "
                    + "delivered every byte, the job is DOWNLOADED; the download can be repeated until "
                    + "`downloadableUntil` (the grace window), then the files are deleted and the answer is 410. "
                    + "`DELETE /v1/jobs/{id}` acknowledges the result and deletes the files at once.\n\n"
                    + "With `Prefer: return=redirect` or `?delivery=presigned` the answer is instead `303 See Other` "
                    + "to a presigned URL of the result in storage, valid for a few minutes and needing no API key; "
                    + "storage answers it with the result's content type and file name, and ranged requests as well. "
                    + "Storage reports its reads, and once they delivered every byte the job is DOWNLOADED as above.")
    @ApiResponse(responseCode = "200", description = "the whole result; its content type is the one it was written with",
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "ETag", description = "the result's entity tag"),
                @io.swagger.v3.oas.annotations.headers.Header(name = REPR_DIGEST, description = "sha-256 of the whole result (RFC 9530)")},
            content = {@Content(mediaType = MediaType.TEXT_CSV, schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "application/gzip", schema = @Schema(type = "string", format = "binary"))})
    @ApiResponse(responseCode = "206", description = "the byte range asked for, with `Content-Range`")
    @ApiResponse(responseCode = "303", description = "`Prefer: return=redirect` or `?delivery=presigned`: download the "
            + "result from `Location`, a presigned URL of it in storage, before `expiresAt`; no API key is needed",
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "Location",
                    description = "the presigned URL of the result", schema = @Schema(type = "string", format = "uri")),
                @io.swagger.v3.oas.annotations.headers.Header(name = PREFERENCE_APPLIED,
                    description = "`return=redirect` when the redirect was asked for with `Prefer`")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PresignedDownload.class)))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "304", description = "`If-None-Match` or `If-Modified-Since` matched")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @ApiResponse(responseCode = "410", ref = "#/components/responses/Gone")
    @ApiResponse(responseCode = "416", ref = "#/components/responses/RangeNotSatisfiable")
    HttpResponse<?> download(HttpRequest<?> request, @Parameter(hidden = true) Tenant tenant,
            @Parameter(description = "the job's id", example = JOB_ID_EXAMPLE) @PathVariable String id,
            @Parameter(description = "one byte range, to resume a download", example = "bytes=1048576-")
            @Nullable @Header(HttpHeaders.RANGE) String range,
            @Parameter(description = "the ETag the range must still belong to", example = "\"9b2cf535f27731c974343645a3985328\"")
            @Nullable @Header(HttpHeaders.IF_RANGE) String ifRange,
            @Parameter(description = "an ETag the client has", example = "\"9b2cf535f27731c974343645a3985328\"")
            @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Parameter(description = "a time the client's copy is from", example = "Sun, 01 Jun 2025 12:00:03 GMT")
            @Nullable @Header(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince,
            @Parameter(description = "`return=redirect` asks for a 303 to a presigned URL of the result (RFC 7240)",
                    example = DeliveryChoice.RETURN_REDIRECT)
            @Nullable @Header(PREFER) String prefer,
            @Parameter(description = "`presigned` for a 303 to a presigned URL of the result, `stream` for the result "
                    + "in the answer whatever `Prefer` says", example = DeliveryChoice.PRESIGNED,
                    schema = @Schema(allowableValues = {
                        DeliveryChoice.PRESIGNED, DeliveryChoice.STREAM}))
            @Nullable @QueryValue String delivery) {
        // A request may carry several Prefer headers; the bound parameter, there for the API description, has one.
        DeliveryChoice choice = DeliveryChoice.of(delivery, request.getHeaders().getAll(PREFER));
        if (choice.redirect()) {
            return redirect(downloads.redirect(tenant, id), choice);
        }
        ResultAnswer answer;
        try {
            answer = downloads.get(tenant, id, new ResultDownloads.Conditions(range, ifRange, ifNoneMatch,
                    ifModifiedSince));
        } catch (UnsatisfiableRangeException e) {
            request.setAttribute(UnsatisfiableRangeFilter.REPRESENTATION_LENGTH, e.representationLength());
            throw new ApiException(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range_not_satisfiable", e.getMessage());
        }
        if (answer instanceof ResultAnswer.Body body) {
            ResultHeaders headers = body.headers();
            // Conditional requests were answered above; the file writer's own If-Modified-Since check would answer
            // 304 and leave the object's stream open, so it gets a time no HTTP date can name.
            StreamedFile file = new StreamedFile(body.content(), mediaType(headers.contentType()), Long.MIN_VALUE,
                    body.contentLength()).attach(headers.fileName());
            MutableHttpResponse<StreamedFile> response = body.range() == null ? HttpResponse.ok(file)
                    : HttpResponse.<StreamedFile>status(HttpStatus.PARTIAL_CONTENT).body(file)
                            .header(HttpHeaders.CONTENT_RANGE, body.range().contentRange(headers.length()));
            String token = completions.register(bytes -> downloads.delivered(body, bytes));
            return describe(response, headers).header(DownloadCompletions.TOKEN_HEADER, token)
                    .header(HttpHeaders.VARY, PREFER);
        }
        return describe(HttpResponse.notModified(), answer.headers()).header(HttpHeaders.VARY, PREFER);
    }

    private static HttpResponse<PresignedDownload> redirect(ResultRedirect redirect, DeliveryChoice choice) {
        MutableHttpResponse<PresignedDownload> response = HttpResponse.<PresignedDownload>status(HttpStatus.SEE_OTHER)
                .body(PresignedDownload.of(redirect))
                .header(HttpHeaders.LOCATION, redirect.url().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header(HttpHeaders.VARY, PREFER);
        if (choice.preferenceApplied()) {
            response.header(PREFERENCE_APPLIED, DeliveryChoice.RETURN_REDIRECT);
        }
        return response;
    }

    @Head("/{id}/result")
    @Operation(summary = "The result's headers without its body; never counts as a download")
    @ApiResponse(responseCode = "200", description = "`Content-Length`, `Content-Type`, `ETag`, `Repr-Digest`")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
    @ApiResponse(responseCode = "410", ref = "#/components/responses/Gone")
    HttpResponse<?> head(@Parameter(hidden = true) Tenant tenant,
            @Parameter(description = "the job's id", example = JOB_ID_EXAMPLE) @PathVariable String id) {
        ResultHeaders headers = downloads.head(tenant, id);
        return describe(HttpResponse.ok(), headers)
                .contentType(mediaType(headers.contentType()))
                .contentLength(headers.length())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + headers.fileName() + "\"");
    }

    private static <T> MutableHttpResponse<T> describe(MutableHttpResponse<T> response, ResultHeaders headers) {
        response.header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
        response.getHeaders().lastModified(headers.lastModified().toEpochMilli());
        if (headers.entityTag() != null) {
            response.header(HttpHeaders.ETAG, headers.entityTag()).header(REPR_DIGEST, headers.reprDigest());
        }
        return response;
    }

    private static MediaType mediaType(String contentType) {
        try {
            return MediaType.of(contentType);
        } catch (IllegalArgumentException e) {
            return MediaType.APPLICATION_OCTET_STREAM_TYPE;
        }
    }
}
