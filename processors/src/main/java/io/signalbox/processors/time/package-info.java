/** Bar times: {@link io.signalbox.processors.time.TimestampFormat} detects and reads them from bytes. */
package io.signalbox.processors.time;
