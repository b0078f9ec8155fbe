package io.signalbox.routes.process;

import io.signalbox.processors.engine.EngineReport;

/**
 * What a successful run produced.
 *
 * @param inputBytes bytes read from the prices file as stored (compressed if it was)
 * @param inputSha256 SHA-256 of the prices file as stored, lower-case hex
 * @param resultKey where the result was written
 * @param resultBytes bytes of the result written to S3
 * @param resultSha256 SHA-256 of the result as written to S3, lower-case hex
 * @param report what the engine counted
 * @param summaryJson the summary document
 */
public record JobOutcome(long inputBytes, String inputSha256, String resultKey, long resultBytes, String resultSha256,
        EngineReport report, String summaryJson) {
}
