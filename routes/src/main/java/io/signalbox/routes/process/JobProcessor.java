package io.signalbox.routes.process;

import io.signalbox.processors.engine.EngineInput;
import io.signalbox.processors.engine.EngineReport;
import io.signalbox.processors.engine.SignalEngine;
import io.signalbox.processors.recipe.Recipe;
import io.signalbox.processors.recipe.Recipes;
import io.signalbox.routes.storage.HashingInputStream;
import io.signalbox.routes.storage.HashingOutputStream;
import io.signalbox.routes.storage.S3MultipartOutputStream;
import io.signalbox.routes.storage.StreamingUpload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs the signal engine over one job's input as it streams from S3, streaming the result back to S3.
 *
 * <p>Memory: one S3 part buffer for the result (parts beyond the in-memory limit go to a temporary file on local
 * disk) and the summary document; the input (and the signals file that may come with it) is never held. The result's
 * SHA-256 is computed as it is written, so that downloads can name it without reading the object again.
 */
public final class JobProcessor {

    private final SignalEngine engine;
    private final S3Client s3;
    private final StreamingUpload results;
    private final JobExecution execution;

    /**
     * @param engine the engine
     * @param s3 the client the signals file is read with
     * @param results writes results to the bucket the input comes from
     * @param execution told about progress
     */
    public JobProcessor(SignalEngine engine, S3Client s3, StreamingUpload results, JobExecution execution) {
        this.engine = engine;
        this.s3 = s3;
        this.results = results;
        this.execution = execution;
    }

    /**
     * @param job the claimed job
     * @param input the prices file as stored
     * @return what the run produced
     * @throws io.signalbox.processors.BadInputException when the input or recipe can never succeed
     */
    public JobOutcome process(ClaimedJob job, InputStream input) {
        Recipe recipe = job.recipeJson() != null ? Recipes.parse(job.recipeJson()) : Recipes.preset(job.recipePreset());
        HashingInputStream hashed = new HashingInputStream(input);
        String resultKey = job.resultPrefix() + "result." + recipe.output().fileExtension();
        S3MultipartOutputStream result = results.open(resultKey, recipe.output().contentType());
        HashingOutputStream hashedResult = new HashingOutputStream(result);
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        try (input; InputStream signals = openSignals(job)) {
            EngineInput files = new EngineInput(job.inputName(), hashed, signals == null ? null : job.signalsName(),
                    signals);
            EngineReport report = engine.run(files, recipe, hashedResult, summary,
                    rows -> execution.progress(job, rows));
            hashed.transferTo(OutputStream.nullOutputStream());
            result.close();
            return new JobOutcome(hashed.count(), hashed.sha256Hex(), resultKey, result.bytesWritten(),
                    hashedResult.sha256Hex(), report, summary.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            result.abort();
            throw new UncheckedIOException("job " + job.id() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            result.abort();
            throw e;
        }
    }

    private InputStream openSignals(ClaimedJob job) {
        return job.signalsKey() == null ? null
                : s3.getObject(request -> request.bucket(results.bucket()).key(job.signalsKey()));
    }
}
