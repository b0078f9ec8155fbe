package io.signalbox.app.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.types.files.StreamedFile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;

/** The API described: the OpenAPI document generated from the controllers at build time, and Swagger UI over it. */
@Controller
@Tag(name = "page")
@SecurityRequirements // none: the documentation is public
final class ApiDocsController {

    /** Where the build writes the OpenAPI document (openapi.properties names it). */
    static final String DOCUMENT = "META-INF/swagger/openapi.yml";
    private static final String SWAGGER_UI_PAGE = "web/api-docs.html";
    private static final MediaType YAML = MediaType.of("application/yaml");

    private final OpenApiDocument document;

    ApiDocsController(OpenApiDocument document) {
        this.document = document;
    }

    @Get(value = "/openapi.yml", produces = "application/yaml")
    @Operation(summary = "This document: the REST API in OpenAPI 3.1")
    @ApiResponse(responseCode = "200", description = "the document", content = @Content(mediaType = "application/yaml"))
    HttpResponse<String> document() {
        return HttpResponse.ok(document.yaml()).contentType(YAML);
    }

    @Get(value = "/docs", produces = MediaType.TEXT_HTML)
    @Operation(summary = "Swagger UI over this document, to read and try the API in a browser")
    @ApiResponse(responseCode = "200", description = "the page", content = @Content(mediaType = MediaType.TEXT_HTML))
    HttpResponse<StreamedFile> swaggerUi() {
        return HttpResponse.ok(new StreamedFile(resource(SWAGGER_UI_PAGE), MediaType.TEXT_HTML_TYPE));
    }

    private static InputStream resource(String name) {
        InputStream in = ApiDocsController.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the application's jar; rebuild it");
        }
        return in;
    }
}
