package io.signalbox.infra.construct;

import java.util.ArrayList;
import java.util.List;

/**
 * Step-scaling intervals that set a service's task count to {@code ceil(backlog / backlogPerTask)}, clamped to
 * {@code [minTasks, maxTasks]}. Boundaries sit halfway between whole message counts, so no count is ever on a
 * boundary.
 *
 * @param minTasks       tasks with an empty backlog (0 lets the service stop)
 * @param maxTasks       tasks at most
 * @param backlogPerTask messages one task may have waiting or in progress
 */
public record BacklogSteps(int minTasks, int maxTasks, int backlogPerTask) {

    /**
     * One interval: backlogs in {@code [lower, upper)} get {@code tasks} tasks.
     *
     * @param lower inclusive lower bound
     * @param upper exclusive upper bound, {@code null} for no bound
     * @param tasks task count to set
     */
    public record Step(double lower, Double upper, int tasks) {
    }

    public BacklogSteps {
        if (minTasks < 0 || maxTasks <= minTasks) {
            throw new IllegalArgumentException("backlog scaling " + minTasks + ".." + maxTasks
                    + " tasks is invalid; expected 0 <= min < max");
        }
        if (maxTasks > 30) {
            throw new IllegalArgumentException("backlog scaling to " + maxTasks + " tasks is invalid; step scaling"
                    + " allows at most 30 tasks here (one step each)");
        }
        if (backlogPerTask < 1) {
            throw new IllegalArgumentException("backlogPerTask " + backlogPerTask + " is invalid; expected >= 1");
        }
    }

    /** The task count for a backlog of {@code messages}. */
    public int tasksFor(long messages) {
        long needed = (messages + backlogPerTask - 1) / backlogPerTask;
        return (int) Math.max(minTasks, Math.min(maxTasks, needed));
    }

    /** The intervals, ascending, adjacent ones with the same task count merged. */
    public List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(0, 0.5, minTasks));
        for (int tasks = 1; tasks <= maxTasks; tasks++) {
            double lower = (tasks - 1) * (double) backlogPerTask + 0.5;
            Double upper = tasks == maxTasks ? null : tasks * (double) backlogPerTask + 0.5;
            int clamped = Math.max(minTasks, tasks);
            Step previous = steps.get(steps.size() - 1);
            if (previous.tasks() == clamped) {
                steps.set(steps.size() - 1, new Step(previous.lower(), upper, clamped));
            } else {
                steps.add(new Step(lower, upper, clamped));
            }
        }
        return List.copyOf(steps);
    }
}
