package io.signalbox.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class RouteGroupTest {

    @Test
    void readsAllAndAnEmptySettingAsEveryGroup() {
        assertThat(RouteGroup.parse("all")).isEqualTo(EnumSet.allOf(RouteGroup.class));
        assertThat(RouteGroup.parse(" ALL ")).isEqualTo(EnumSet.allOf(RouteGroup.class));
        assertThat(RouteGroup.parse("")).isEqualTo(EnumSet.allOf(RouteGroup.class));
    }

    @Test
    void readsACommaListIgnoringCaseAndBlanks() {
        assertThat(RouteGroup.parse("ingest, Process,")).containsExactlyInAnyOrder(RouteGroup.INGEST, RouteGroup.PROCESS);
    }

    @Test
    void rejectsAnUnknownGroupNamingItAndTheChoices() {
        assertThatThrownBy(() -> RouteGroup.parse("api,proces"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown route group \"proces\" in ROUTE_GROUPS=\"api,proces\"; expected \"all\" or a comma list of api, ingest, process, cleanup");
    }

    @Test
    void rejectsAListOfNothing() {
        assertThatThrownBy(() -> RouteGroup.parse(" , "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no route group");
    }
}
