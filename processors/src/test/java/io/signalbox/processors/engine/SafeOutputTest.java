package io.signalbox.processors.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.processors.recipe.Recipe;
import io.signalbox.processors.recipe.Recipes;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The result CSV is safe to open in a spreadsheet and reads back as the same cells. */
class SafeOutputTest {

    private static final Recipe SMA = Recipes.parse("""
            {"version": 1, "indicators": [{"type": "sma", "window": 2}]}""");

    private static String result(String prices, Recipe recipe) {
        return new String(EngineFixture.run(prices, recipe).csv, StandardCharsets.UTF_8);
    }

    @Test
    void neutralisesTextCellsASpreadsheetWouldEvaluate() {
        String out = result("date,label,close,note\n"
                + "2024-01-01,=HYPERLINK(\"http://x\"),1,+cmd\n"
                + "2024-01-02,@SUM(A1),2,-2+3\n"
                + "2024-01-03,\"=1+2\",3,\tx\n", SMA);
        assertThat(out).isEqualTo("date,label,close,note,sma_2\n"
                + "2024-01-01,\"'=HYPERLINK(\"\"http://x\"\")\",1,'+cmd,\n"
                + "2024-01-02,'@SUM(A1),2,'-2+3,1.5\n"
                + "2024-01-03,\"'=1+2\",3,'\tx,2.5\n");
    }

    @Test
    void leavesSignedNumbersAndPlainTextAlone() {
        String prices = "date,symbol,close,change\n2024-01-01,AB-C,1,-1.5\n2024-01-02,AB-C,2,+2e3\n";
        assertThat(result(prices, SMA)).isEqualTo("date,symbol,close,change,sma_2\n"
                + "2024-01-01,AB-C,1,-1.5,\n2024-01-02,AB-C,2,+2e3,1.5\n");
    }

    @Test
    void neutralisesTheHeaderToo() {
        assertThat(result("date,close,=cmd\n2024-01-01,1,a\n", SMA)).startsWith("date,close,'=cmd,sma_2\n");
    }

    @Test
    void quotesCellsWithCarriageReturnsOrQuotesSoThatAReaderSeesOneRowPerBar() throws IOException {
        String out = result("date,symbol,close\n2024-01-01,AB\rC,1\n2024-01-02,AB\rC,2\n2024-01-03,say \"hi\",3\n",
                SMA);
        assertThat(out).isEqualTo("date,symbol,close,sma_2\n"
                + "2024-01-01,\"AB\rC\",1,\n2024-01-02,\"AB\rC\",2,1.5\n2024-01-03,\"say \"\"hi\"\"\",3,\n");
        List<List<String>> rows = readRfc4180(out);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(1)).containsExactly("2024-01-01", "AB\rC", "1", "");
        assertThat(rows.get(3)).containsExactly("2024-01-03", "say \"hi\"", "3", "");
    }

    @Test
    void keepsQuotedCellsQuotedAndUnchanged() {
        String prices = "date,close,note\n2024-01-01,1,\"a, b\"\n2024-01-02,2,\"line\nbreak\"\n";
        assertThat(result(prices, SMA)).isEqualTo("date,close,note,sma_2\n"
                + "2024-01-01,1,\"a, b\",\n2024-01-02,2,\"line\nbreak\",1.5\n");
    }

    @Test
    void aRecipeForMachineReadersTurnsNeutralisingOffButNotQuoting() {
        Recipe raw = Recipes.parse("""
                {"version": 1, "indicators": [{"type": "sma", "window": 2}],
                 "output": {"escape_formulas": false}}""");
        assertThat(result("date,label,close\n2024-01-01,=X,1\n2024-01-02,A\rB,2\n", raw))
                .isEqualTo("date,label,close,sma_2\n2024-01-01,=X,1,\n2024-01-02,\"A\rB\",2,1.5\n");
    }

    /** An RFC 4180 reader that, like spreadsheets, ends a record at CR, LF or CRLF outside quotes. */
    private static List<List<String>> readRfc4180(String text) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        StringReader in = new StringReader(text);
        boolean quoted = false;
        int c;
        while ((c = in.read()) >= 0) {
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    if (in.read() == '"') {
                        cell.append('"');
                    } else {
                        in.reset();
                        quoted = false;
                    }
                } else {
                    cell.append((char) c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' || c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append((char) c);
            }
        }
        return rows;
    }
}
