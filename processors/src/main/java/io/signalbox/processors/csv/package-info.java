/**
 * Reading CSV bytes: {@link io.signalbox.processors.csv.InputDecoding} turns an upload into CSV bytes (gzip detected
 * and capped), {@link io.signalbox.processors.csv.CsvReader} splits them into records and fields without decoding,
 * {@link io.signalbox.processors.csv.CsvFormatException} says where a file is malformed.
 */
package io.signalbox.processors.csv;
