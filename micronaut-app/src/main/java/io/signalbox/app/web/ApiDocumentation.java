package io.signalbox.app.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

/** What the generated OpenAPI document says about the API as a whole. */
@OpenAPIDefinition(
        info = @Info(title = "Signalbox", version = "v1",
                description = "Upload large price files, let Signalbox compute indicators, signals and a backtest, and "
                        + "download the result once; then both files are deleted. Every call under /v1 needs "
                        + "`Authorization: Bearer <api key>`. Every error is an RFC 9457 problem detail "
                        + "(`application/problem+json`) with a stable `error` code and `type`.",
                license = @License(name = "Apache License 2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        security = @SecurityRequirement(name = "apiKey"),
        tags = {
            @Tag(name = "jobs", description = "Upload a file, follow its job, download its result once"),
            @Tag(name = "page", description = "The web page's files and this documentation; no API key needed")
        })
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key of your tenant, e.g. the one local mode prints")
final class ApiDocumentation {

    private ApiDocumentation() {
    }
}
