package io.signalbox.routes.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** What each storage answer means while a drop's job takes its files, where the route tests do not go. */
class TakeDecisionsTest {

    private final TakeDecisions decisions = new TakeDecisions();
    private final DropTake start = DropTake.start("job-1", new DropFiles(
            new InboxObject("inbox/acme/prices.csv", "abc", DropTake.MOVED), "prices.csv", "uploads/acme/job-1/input",
            List.of(new Sidecar("inbox/acme/prices.signals.csv", "prices.signals.csv"),
                    new Sidecar("inbox/acme/prices.signals.csv.gz", "prices.signals.csv.gz")),
            "uploads/acme/job-1/signals", new Sidecar("inbox/acme/prices.recipe.json", "prices.recipe.json")));

    @Test
    void theSignalsSidecarIsLookedForUnderEachNameInTurnAndThenTheRecipe() {
        DropTake first = decisions.copyFound(start, head("\"in\"", 10));
        DropTake second = decisions.signalsFound(first, null);
        DropTake none = decisions.signalsFound(second, null);

        assertThat(first.next()).isEqualTo(DropTake.Step.FIND_SIGNALS);
        assertThat(first.signalsSought().name()).isEqualTo("prices.signals.csv");
        assertThat(second.next()).isEqualTo(DropTake.Step.FIND_SIGNALS);
        assertThat(second.signalsSought().name()).isEqualTo("prices.signals.csv.gz");
        assertThat(none.next()).isEqualTo(DropTake.Step.FIND_RECIPE);
        assertThat(none.signals()).isNull();
    }

    @Test
    void aSignalsSidecarThatChangedWhileItWasCopiedLeavesTheEventToBeDeliveredAgain() {
        DropTake found = decisions.signalsFound(decisions.copyFound(start, head("\"in\"", 10)), head("\"sig\"", 3));

        assertThat(found.next()).isEqualTo(DropTake.Step.COPY_SIGNALS);
        assertThat(found.copy()).isEqualTo(new Copy("inbox/acme/prices.signals.csv", "\"sig\"", 3,
                "uploads/acme/job-1/signals"));
        assertThatThrownBy(() -> decisions.signalsCopied(found, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("prices.signals.csv changed while job job-1 took it; the event will be delivered again");
    }

    @Test
    void aRecipeSidecarTooLargeToBeARecipeFailsTheJobWithoutBeingReadAndTheDropLeaves() {
        DropTake recipe = decisions.recipeFound(decisions.signalsFound(decisions.signalsFound(
                decisions.copyFound(start, head("\"in\"", 10)), null), null),
                head("\"r\"", TakeDecisions.MAX_RECIPE_BYTES + 1L));

        assertThat(recipe.next()).isEqualTo(DropTake.Step.FAIL);
        assertThat(recipe.failure()).isEqualTo(new DropFailure("recipe_invalid", "prices.recipe.json: recipe $: the"
                + " document has 65537 bytes; a recipe may have at most 65536", "prices.recipe.json", "$", true));
        assertThat(recipe.leaving()).containsExactly(
                new InboxObject("inbox/acme/prices.csv", "abc", DropTake.FAILED),
                new InboxObject("inbox/acme/prices.recipe.json", "\"r\"", DropTake.FAILED));
    }

    @Test
    void aJobIsReadyOnlyOnceItRecordedItsFiles() {
        DropTake taken = decisions.recipeFound(decisions.signalsFound(decisions.signalsFound(
                decisions.copyFound(start, head("\"in\"", 10)), null), null), null);

        assertThat(taken.next()).isEqualTo(DropTake.Step.RECORD);
        assertThat(taken.ready()).isFalse();
        assertThat(taken.recorded().ready()).isTrue();
        assertThat(taken.recorded().leaving()).containsExactly(
                new InboxObject("inbox/acme/prices.csv", "abc", DropTake.MOVED));
    }

    private static HeadObjectResponse head(String eTag, long size) {
        return HeadObjectResponse.builder().eTag(eTag).contentLength(size).build();
    }
}
