package io.signalbox.app.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.exceptions.ContentLengthExceededException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClientBodyTest {

    @Test
    void countsWhatArrives() throws IOException {
        ClientBody body = new ClientBody(new ByteArrayInputStream(new byte[1000]), 1000);

        assertThat(body.readAllBytes()).hasSize(1000);
        assertThat(body.bytesRead()).isEqualTo(1000);
        assertThat(body.failure()).isEmpty();
    }

    @Test
    void stopsAtTheLimit() {
        ClientBody body = new ClientBody(new ByteArrayInputStream(new byte[1001]), 1000);

        assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class).hasMessage("the body is larger than 1000 bytes");
        assertThat(body.failure()).contains(ClientBody.Failure.TOO_LARGE);
    }

    @Test
    void takesTheServersOwnLimitForTooLarge() {
        ClientBody body = new ClientBody(failing(new IOException(new ContentLengthExceededException(10, 11))), 1000);

        assertThatThrownBy(body::read).isInstanceOf(IOException.class);
        assertThat(body.failure()).contains(ClientBody.Failure.TOO_LARGE);
    }

    @Test
    void takesAnyOtherReadFailureForACutOffClient() {
        ClientBody body = new ClientBody(failing(new IOException("Connection closed before full body was received")), 1000);

        assertThatThrownBy(body::read).isInstanceOf(IOException.class);
        assertThat(body.failure()).contains(ClientBody.Failure.CUT_OFF);
    }

    @Test
    void stoppingEndsAReadBlockedOnTheClientAndLeavesTheReaderUninterrupted() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        InputStream silent = new InputStream() {
            @Override
            public int read() throws IOException {
                blocked.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
                return -1;
            }
        };
        ClientBody body = new ClientBody(silent, 1000);
        CompletableFuture<Boolean> readerInterruptedAfterwards = CompletableFuture.supplyAsync(() -> {
            try {
                body.read(new byte[10], 0, 10);
                return null;
            } catch (IOException e) {
                return Thread.currentThread().isInterrupted();
            }
        });
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();

        body.stop(ClientBody.Failure.TOO_SLOW);

        assertThat(readerInterruptedAfterwards.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(body.failure()).contains(ClientBody.Failure.TOO_SLOW);
        assertThatThrownBy(body::read).isInstanceOf(IOException.class).hasMessageContaining("TOO_SLOW");
    }

    @Test
    void countsOnlyTheTimeSpentWaitingForTheClient() throws Exception {
        ClientBody body = new ClientBody(new ByteArrayInputStream(new byte[10]), 1000);
        body.readAllBytes();
        long waited = body.waitedNanos();

        Thread.sleep(50);

        assertThat(body.waitedNanos()).isEqualTo(waited);
    }

    private static InputStream failing(IOException failure) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw failure;
            }
        };
    }
}
