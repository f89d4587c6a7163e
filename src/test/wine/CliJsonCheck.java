import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Checks what the product's CLI printed under Wine for {@code probe --json 127.0.0.1:<closed port>}
 * (run.sh starts it with the Linux JDK as a single-file program; JSON is read as YAML 1.2, which
 * it is): the attempt failed with ECONNREFUSED, number 10061, and the Winsock name in the text;
 * the portable cause is "refused"; the explanation has steps, at least one names a Windows tool,
 * and neither a step nor a finding names a Linux command or path.
 *
 * <p>Exit 0: all checks passed; 1: a check failed (printed); 3: the errno checks passed and the
 * report has no "cause" field, so the cause and steps could not be checked (run.sh counts that
 * as a failure unless CD_WINE_REQUIRE_CAUSE=0).
 */
public final class CliJsonCheck {

    private static final Pattern LINUX = Pattern.compile(
            "\\b(ss|nft|iptables|ip6tables|systemctl|journalctl|ufw|firewall-cmd|resolvectl|nmcli)\\b"
                    + "|\\bip (route|addr|address|link|neigh|rule)\\b|/proc/|/sys/|/etc/|/run/|\\bsysctl\\b");
    private static final Pattern WINDOWS = Pattern.compile(
            "netstat -ano|Get-NetTCPConnection|Test-NetConnection|Resolve-DnsName|route print|ipconfig"
                    + "|Get-NetFirewallRule|wf\\.msc|Get-Service|services\\.msc|Windows Defender Firewall",
            Pattern.CASE_INSENSITIVE);

    public static void main(String[] args) throws Exception {
        Object json = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(Path.of(args[0])));
        List<String> failures = new ArrayList<>();
        String text = Files.readString(Path.of(args[0]));
        if (!text.contains("\"symbol\": \"ECONNREFUSED\"") || !text.contains("\"number\": 10061")
                || !text.contains("WSAECONNREFUSED")) {
            failures.add("no ECONNREFUSED / 10061 / WSAECONNREFUSED in the report");
        }
        List<Object> causes = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        walk(json, null, causes, steps, findings);
        if (causes.isEmpty()) {
            print(failures);
            System.out.println(failures.isEmpty() ? "errno checks passed; the report has no \"cause\" field yet: "
                    + "cause and Windows steps not checked" : "");
            System.exit(failures.isEmpty() ? 3 : 1);
        }
        for (Object cause : causes) {
            Object value = cause instanceof Map<?, ?> m && m.containsKey("name") ? m.get("name") : cause;
            if (!"refused".equals(String.valueOf(value))) {
                failures.add("cause is " + cause + ", not \"refused\"");
            }
        }
        if (steps.isEmpty()) {
            failures.add("the explanation has no steps");
        }
        for (String step : steps) {
            if (LINUX.matcher(step).find()) {
                failures.add("a step names a Linux command on Windows: " + step);
            }
        }
        for (String finding : findings) {
            if (LINUX.matcher(finding).find()) {
                failures.add("a finding names a Linux command or path on Windows: " + finding);
            }
        }
        if (steps.stream().noneMatch(s -> WINDOWS.matcher(s).find())) {
            failures.add("no step names a Windows tool: " + steps);
        }
        print(failures);
        if (failures.isEmpty()) {
            System.out.println("cause \"refused\", " + steps.size() + " steps and " + findings.size()
                    + " findings, Windows tools only");
        }
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /**
     * Every value of a "cause" key, every string under a "steps" key, and every "text" of an
     * object under a "findings" key, anywhere in the tree.
     */
    private static void walk(Object node, String key, List<Object> causes, List<String> steps,
                             List<String> findings) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (k.equals("cause") && e.getValue() != null) {
                    causes.add(e.getValue());
                }
                if ("findings".equals(key) && k.equals("text") && e.getValue() instanceof String t) {
                    findings.add(t);
                }
                walk(e.getValue(), k.equals("steps") || k.equals("findings") ? k : key, causes, steps, findings);
            }
        } else if (node instanceof List<?> list) {
            for (Object o : list) {
                walk(o, key, causes, steps, findings);
            }
        } else if (node instanceof String s && "steps".equals(key)) {
            steps.add(s);
        }
    }

    private static void print(List<String> failures) {
        failures.forEach(f -> System.out.println("  " + f));
    }
}
