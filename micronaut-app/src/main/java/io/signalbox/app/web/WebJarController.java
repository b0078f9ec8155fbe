package io.signalbox.app.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.StreamedFile;
import io.signalbox.app.api.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;

/** Serves the files of the page's JavaScript libraries, which come as WebJars, under versionless paths. */
@Controller("/webjars")
@Tag(name = "page")
final class WebJarController {

    private final WebJars webJars;

    WebJarController(WebJars webJars) {
        this.webJars = webJars;
    }

    @Get("/{name}/{+path}")
    @Operation(summary = "A file of a JavaScript library the page and the API docs use",
            description = "Served from the WebJar in the application's jar, without its version in the path, so that "
                    + "the page works offline.")
    @ApiResponse(responseCode = "200", description = "the file", content = @Content(mediaType = "application/javascript"))
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    HttpResponse<StreamedFile> file(@Parameter(example = "uplot") @PathVariable String name,
            @Parameter(example = "dist/uPlot.iife.min.js") @PathVariable String path) {
        String resource = webJars.resource(name, path);
        InputStream content = resource == null ? null : WebJarController.class.getClassLoader().getResourceAsStream(resource);
        if (content == null) {
            throw ApiException.notFound("file " + path + " of library " + name);
        }
        return HttpResponse.ok(new StreamedFile(content, MediaType.forFilename(path)))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
    }
}
