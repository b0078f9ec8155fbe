package io.signalbox.routes.process;

import io.signalbox.processors.BadInputException;
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
            EngineReport report;
            try {
                report = engine.run(files, recipe, hashedResult, summary, rows -> execution.progress(job, rows));
            } catch (BadInputException e) {
                throw declaredChecksumFirst(job, hashed, e);
            }
            hashed.transferTo(OutputStream.nullOutputStream());
            String sha256 = hashed.sha256Hex();
            InputChecksumException mismatch = notDeclared(job, sha256);
            if (mismatch != null) {
                throw mismatch;
            }
            result.close();
            return new JobOutcome(hashed.count(), sha256, resultKey, result.bytesWritten(), hashedResult.sha256Hex(),
                    report, summary.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            result.abort();
            throw new UncheckedIOException("job " + job.id() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            result.abort();
            throw e;
        }
    }

    /**
     * A file that is not the one its owner declared is reported as such, not by what the engine found wrong in it:
     * the rest of it is read to know.
     */
    private static BadInputException declaredChecksumFirst(ClaimedJob job, HashingInputStream hashed,
            BadInputException found) throws IOException {
        if (job.declaredSha256() == null) {
            return found;
        }
        hashed.transferTo(OutputStream.nullOutputStream());
        InputChecksumException mismatch = notDeclared(job, hashed.sha256Hex());
        if (mismatch == null) {
            return found;
        }
        mismatch.addSuppressed(found);
        return mismatch;
    }

    /** @return the problem when the owner declared another SHA-256 than the file has, else {@code null} */
    private static InputChecksumException notDeclared(ClaimedJob job, String sha256) {
        return job.declaredSha256() == null || job.declaredSha256().equals(sha256) ? null
                : new InputChecksumException(job.inputName(), job.declaredSha256(), sha256);
    }

    private InputStream openSignals(ClaimedJob job) {
        return job.signalsKey() == null ? null
                : s3.getObject(request -> request.bucket(results.bucket()).key(job.signalsKey()));
    }
}
