package io.signalbox.app.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.signalbox.app.download.DownloadCompletions;
import io.signalbox.app.tenant.Tenant;
import java.nio.charset.StandardCharsets;

/**
 * The jobs API: poll, list, download once, summary, cancel; uploads are {@code upload.UploadController}'s. Binds,
 * delegates, maps to HTTP.
 */
@Controller("/v1/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
final class JobController {

    private final JobService jobs;
    private final DownloadCompletions completions;

    JobController(JobService jobs, DownloadCompletions completions) {
        this.jobs = jobs;
        this.completions = completions;
    }

    @Get("/{id}")
    JobView get(Tenant tenant, @PathVariable String id) {
        return JobView.of(jobs.find(tenant, id));
    }

    @Get
    JobPage list(Tenant tenant, @Nullable @QueryValue JobStatus status, @QueryValue(defaultValue = "50") int limit,
            @Nullable @QueryValue String cursor) {
        return jobs.list(tenant, status, limit, cursor);
    }

    @Get(value = "/{id}/result")
    HttpResponse<StreamedFile> result(Tenant tenant, @PathVariable String id) {
        JobService.ResultDownload download = jobs.openResult(tenant, id);
        String token = completions.register(() -> jobs.completeDownload(download.job()));
        StreamedFile file = new StreamedFile(download.content(),
                download.gzip() ? MediaType.of("application/gzip") : MediaType.TEXT_CSV_TYPE,
                download.job().succeededAt().toEpochMilli(), download.length())
                .attach(resultName(download.job().inputName()) + (download.gzip() ? ".gz" : ""));
        return HttpResponse.ok(file).header(DownloadCompletions.TOKEN_HEADER, token);
    }

    @Get(value = "/{id}/summary", produces = MediaType.APPLICATION_JSON)
    HttpResponse<byte[]> summary(Tenant tenant, @PathVariable String id) {
        return HttpResponse.ok(jobs.summary(tenant, id).getBytes(StandardCharsets.UTF_8))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Delete("/{id}")
    JobView cancel(Tenant tenant, @PathVariable String id) {
        return JobView.of(jobs.cancel(tenant, id));
    }

    private static String resultName(String inputName) {
        String base = inputName.replaceFirst("(?i)(\\.csv)?(\\.gz)?$", "");
        return base + ".result.csv";
    }
}
