package lodestone.server;

import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files as a Windows laptop saves them, chosen on the pages: the browser's file.text() put U+FFFD for each byte that is not
 * UTF-8 without a word, so a company file or ledger saved in Notepad's 'ANSI' (Windows-1252) was read with 'Soci\uFFFDt\uFFFD'
 * for 'Société', and a bulk file's line that assess-file rejects naming the byte was assessed on the Bulk page. Now the pages
 * read a file as the command line does (kit/files.js, lodestone.regime.io.UserText) and the Bulk page sends the file's bytes.
 */
class WindowsFilesBrowserTest extends BrowserPageTest {
    static final Charset ANSI = Charset.forName("windows-1252");
    static final String REASON = "not UTF-8 text (byte 0xE9 at line 1, column 14); save it as UTF-8 (0xE9 is 'é' in Windows-1252, the code"
            + " page Notepad's 'ANSI' and Excel's plain 'CSV (Comma delimited)' save in: choose the encoding 'UTF-8' when saving)";

    @Test
    void aCompanyFileInWindows1252IsSaidAtTheFieldNotReadWithReplacementCharacters() {
        open(1366, 900);
        page.navigate(s.url() + "/#exposure");
        String before = page.locator("textarea[name=company]").inputValue();
        page.getByTestId("exposure-file").setInputFiles(new FilePayload("Société (copy).yaml", "text/yaml",
                "company: Société Générale\r\ndate: 2026-03-02\r\n".getBytes(ANSI)));
        assertThat(page.getByTestId("field-error")).containsText("Société (copy).yaml: " + REASON);
        assertThat(page.locator("textarea[name=company]").inputValue()).isEqualTo(before);

        // UTF-8 with a byte-order mark and CRLF, as Notepad saves it: read, without the mark
        page.getByTestId("exposure-file").setInputFiles(new FilePayload("company.yaml", "text/yaml",
                "\uFEFFcompany: Société Générale\r\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(page.locator("textarea[name=company]")).hasValue("company: Société Générale\n"); // a textarea's value has LF
        assertThat(page.getByTestId("field-error")).hasCount(0);
        assertThat(errors).isEmpty();
    }

    @Test
    void aLedgerInUtf16IsSaidAtTheField() {
        open(1366, 900);
        page.navigate(s.url() + "/#stockpiles");
        assertThat(page.getByTestId("position")).containsText("Project Vault");
        page.getByTestId("own-ledger").locator("summary").click();
        page.getByTestId("own-ledger-upload").setInputFiles(new FilePayload("ledger.yaml", "text/yaml",
                "\uFEFFstockpile: mine\r\n".getBytes(StandardCharsets.UTF_16LE)));
        page.getByTestId("own-ledger-use").click();
        assertThat(page.getByTestId("field-error")).containsText("ledger.yaml: the file is UTF-16 (as Notepad's 'Unicode' or Excel's"
                + " 'Unicode Text' saves it), not UTF-8; save it as UTF-8 (Notepad: Save As, Encoding 'UTF-8')");
        assertThat(errors).isEmpty();
    }

    @Test
    void aBulkFileInWindows1252IsRejectedOnTheBulkPageAsByTheCommandLine() throws Exception {
        byte[] csv = ("line_id,hts,origin,entry_date,customs_value,currency,quantity,unit,producer\r\n"
                + "a-1,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,Société\r\n"
                + "a-2,2846.90.80.90,CN,2026-03-02,10000,USD,500,kg,Acme\r\n").getBytes(ANSI);
        open(1366, 900);
        page.navigate(s.url() + "/#bulk");
        page.getByTestId("bulk-file").setInputFiles(new FilePayload("entries (Excel).csv", "text/csv", csv));
        page.getByTestId("bulk-upload").click();
        assertThat(page.getByTestId("rejected")).hasText("1");
        String id = page.url().replaceAll(".*#bulk/", "");
        String rejects = s.get("/api/bulk-jobs/" + id + "/rejects", s.admin).body();
        assertThat(rejects).contains("2,a-1,producer,\"not valid UTF-8 (byte 0xE9 at byte 5); save the file as UTF-8 (0xE9 is 'é' in Windows-1252");
        assertThat(errors).isEmpty();
    }
}
