package io.signalbox.app.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.StreamedFile;
import io.signalbox.app.api.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
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

    // Described in src/main/openapi/components.yml: the generator drops the {+path} of a path that spans segments.
    @Hidden
    @Get(value = "/{name}/{+path}", produces = MediaType.ALL)
    HttpResponse<StreamedFile> file(@PathVariable String name, @PathVariable String path) {
        String resource = webJars.resource(name, path);
        InputStream content = resource == null ? null : WebJarController.class.getClassLoader().getResourceAsStream(resource);
        if (content == null) {
            throw ApiException.notFound("file " + path + " of library " + name);
        }
        return HttpResponse.ok(new StreamedFile(content, MediaType.forFilename(path)))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
    }
}
