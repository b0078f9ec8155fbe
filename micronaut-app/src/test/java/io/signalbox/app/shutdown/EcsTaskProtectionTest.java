package io.signalbox.app.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EcsTaskProtectionTest {

    private static final String STATE = "PUT /api/task-1/task-protection/v1/state ";
    private static final String ON = STATE + "{\"ProtectionEnabled\":true,\"ExpiresInMinutes\":30}";
    private static final String OFF = STATE + "{\"ProtectionEnabled\":false}";

    private RecordingEcsAgent agent;
    private EcsTaskProtection protection;

    @BeforeEach
    void start() {
        agent = new RecordingEcsAgent();
        protection = new EcsTaskProtection(agent.uri() + "/", new TaskProtectionSettings(Duration.ofMinutes(30)));
    }

    @AfterEach
    void stop() {
        protection.stop();
        agent.close();
    }

    @Test
    void protectsFromTheFirstJobsStartToTheLastJobsEnd() {
        protection.jobStarted();
        protection.jobStarted();
        protection.jobEnded();
        protection.jobEnded();

        assertThat(agent.await(2, Duration.ofSeconds(5))).containsExactly(ON, OFF);
    }

    @Test
    void asksAgainForEachNewRunOfJobs() {
        protection.jobStarted();
        protection.jobEnded();
        protection.jobStarted();
        protection.jobEnded();

        assertThat(agent.await(4, Duration.ofSeconds(5))).containsExactly(ON, OFF, ON, OFF);
    }

    @Test
    void anEndWithoutAStartAsksForNothing() {
        protection.jobEnded();
        protection.jobStarted();

        assertThat(agent.await(1, Duration.ofSeconds(5))).containsExactly(ON);
    }

    @Test
    void aRefusingAgentDoesNotStopTheJobs() {
        agent.answer(400);
        protection.jobStarted();
        protection.jobEnded();
        protection.jobStarted();

        assertThat(agent.await(3, Duration.ofSeconds(5))).containsExactly(ON, OFF, ON);
    }
}
