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
 * it is). Always: the attempt failed with ECONNREFUSED, number 10061, and the Winsock name in the
 * text. When the report carries a portable cause (a "cause" field anywhere): it is "refused", the
 * explanation has steps, none of them names a Linux command, and at least one names a Windows tool.
 *
 * <p>Exit 0: all checks passed; 1: a check failed (printed); 3: the errno checks passed and the
 * report has no "cause" field yet, so the cause and steps were not checked.
 */
public final class CliJsonCheck {

    private static final Pattern LINUX = Pattern.compile(
            "\\b(ss|nft|iptables|ip6tables|systemctl|journalctl|ufw|firewall-cmd|resolvectl|nmcli)\\b"
                    + "|\\bip (route|addr|address|link|neigh|rule)\\b|/proc/|/etc/resolv\\.conf");
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
        walk(json, null, causes, steps);
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
        if (steps.stream().noneMatch(s -> WINDOWS.matcher(s).find())) {
            failures.add("no step names a Windows tool: " + steps);
        }
        print(failures);
        if (failures.isEmpty()) {
            System.out.println("cause \"refused\" and " + steps.size() + " steps, Windows tools only");
        }
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** Every value of a "cause" key, and every string under a "steps" key, anywhere in the tree. */
    private static void walk(Object node, String key, List<Object> causes, List<String> steps) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (k.equals("cause") && e.getValue() != null) {
                    causes.add(e.getValue());
                }
                walk(e.getValue(), k.equals("steps") ? "steps" : key, causes, steps);
            }
        } else if (node instanceof List<?> list) {
            for (Object o : list) {
                walk(o, key, causes, steps);
            }
        } else if (node instanceof String s && "steps".equals(key)) {
            steps.add(s);
        }
    }

    private static void print(List<String> failures) {
        failures.forEach(f -> System.out.println("  " + f));
    }
}
