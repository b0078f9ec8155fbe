package io.signalbox.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void namesThePortInUseAndTheSettingThatMovesIt() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            LocalSettings settings = LocalSettings.from(Map.of("SIGNALBOX_PORT", "0", "SIGNALBOX_JOLOKIA_PORT", "0",
                    "SIGNALBOX_S3_PORT", "0", "SIGNALBOX_SQS_PORT", String.valueOf(taken.getLocalPort())));

            assertThatThrownBy(() -> FreePorts.require(settings))
                    .isInstanceOf(LocalModeException.class)
                    .hasMessage("port " + taken.getLocalPort() + ", for the embedded SQS-API server, is in use (is"
                            + " Signalbox already running?); stop what listens there, or choose another port with"
                            + " SIGNALBOX_SQS_PORT=<port>");
        }
    }

    @Test
    void passesWhenEveryPortIsFree() throws IOException {
        int free;
        try (ServerSocket probe = new ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        LocalSettings settings = LocalSettings.from(Map.of("SIGNALBOX_PORT", String.valueOf(free),
                "SIGNALBOX_S3_PORT", "0", "SIGNALBOX_SQS_PORT", "0", "SIGNALBOX_JOLOKIA_ENABLED", "false"));

        assertThatCode(() -> FreePorts.require(settings)).doesNotThrowAnyException();
        try (ServerSocket again = new ServerSocket(free)) {
            assertThat(again.getLocalPort()).as("the check left the port free").isEqualTo(free);
        }
    }

    @Test
    void checksJolokiasPortUnlessJolokiaIsOff() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String port = String.valueOf(taken.getLocalPort());
            Map<String, String> env = Map.of("SIGNALBOX_PORT", "0", "SIGNALBOX_S3_PORT", "0",
                    "SIGNALBOX_SQS_PORT", "0", "SIGNALBOX_JOLOKIA_PORT", port);

            assertThatThrownBy(() -> FreePorts.require(LocalSettings.from(env)))
                    .hasMessageContaining("port " + port + ", for JMX over HTTP (Jolokia, for hawtio), is in use")
                    .hasMessageEndingWith("SIGNALBOX_JOLOKIA_PORT=<port>");
            Map<String, String> off = new HashMap<>(env);
            off.put("SIGNALBOX_JOLOKIA_ENABLED", "false");
            assertThatCode(() -> FreePorts.require(LocalSettings.from(off))).doesNotThrowAnyException();
        }
    }

    @Test
    void refusesAPortSettingThatIsNotAPort() {
        assertThatThrownBy(() -> LocalSettings.from(Map.of("SIGNALBOX_S3_PORT", "nine thousand")))
                .isInstanceOf(LocalModeException.class)
                .hasMessage("SIGNALBOX_S3_PORT=\"nine thousand\" is not a port; expected a number from 0 to 65535");
    }
}
