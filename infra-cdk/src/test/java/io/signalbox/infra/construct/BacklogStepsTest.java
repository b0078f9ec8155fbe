package io.signalbox.infra.construct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class BacklogStepsTest {

    @Test
    void setsOneTaskPerAcceptableBacklogAndStopsWhenEmpty() {
        BacklogSteps steps = new BacklogSteps(0, 3, 2);
        assertThat(steps.steps()).containsExactly(
                new BacklogSteps.Step(0, 0.5, 0),
                new BacklogSteps.Step(0.5, 2.5, 1),
                new BacklogSteps.Step(2.5, 4.5, 2),
                new BacklogSteps.Step(4.5, null, 3));
    }

    @Test
    void mergesTheStepsBelowTheMinimum() {
        assertThat(new BacklogSteps(2, 4, 5).steps()).containsExactly(
                new BacklogSteps.Step(0, 10.5, 2),
                new BacklogSteps.Step(10.5, 15.5, 3),
                new BacklogSteps.Step(15.5, null, 4));
    }

    @Test
    void stepsAgreeWithTheBacklogFormulaForEveryMessageCount() {
        for (BacklogSteps steps : List.of(new BacklogSteps(0, 2, 2), new BacklogSteps(1, 10, 2),
                new BacklogSteps(0, 7, 3))) {
            for (int messages = 0; messages <= steps.maxTasks() * steps.backlogPerTask() + 10; messages++) {
                int expected = Math.max(steps.minTasks(),
                        Math.min(steps.maxTasks(), (messages + steps.backlogPerTask() - 1) / steps.backlogPerTask()));
                assertThat(stepFor(steps, messages)).as("%s with %d messages", steps, messages).isEqualTo(expected);
                assertThat(steps.tasksFor(messages)).isEqualTo(expected);
            }
        }
    }

    @Test
    void rejectsARangeThatCannotScale() {
        assertThatThrownBy(() -> new BacklogSteps(2, 2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2..2 tasks is invalid");
    }

    @Test
    void rejectsAZeroBacklogPerTask() {
        assertThatThrownBy(() -> new BacklogSteps(0, 2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backlogPerTask 0 is invalid");
    }

    private static int stepFor(BacklogSteps steps, int messages) {
        return steps.steps().stream()
                .filter(step -> messages >= step.lower() && (step.upper() == null || messages < step.upper()))
                .findFirst()
                .orElseThrow()
                .tasks();
    }
}
