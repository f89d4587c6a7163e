package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.sys.windows.FirewallRule.Action;
import org.connectdoctor.sys.windows.FirewallRule.PortRange;
import org.connectdoctor.sys.windows.FirewallRule.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The rule strings of [MS-GPFAS] 2.2.2.19 as the registry keeps them, parsed on any system. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FirewallRuleTest {

    private static BigInteger v4(String a) {
        return FirewallRule.address(a, false);
    }

    private static BigInteger v6(String a) {
        return FirewallRule.address(a, true);
    }

    @Test
    void aTypicalOutboundBlockRule() {
        FirewallRule r = FirewallRule.parse("{A1}", "v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6|RPort=443"
                + "|RA4=10.0.0.0/255.0.0.0|App=C:\\Tools\\app.exe|Name=Block DB|Desc=Keeps the app off the DB|");
        assertEquals("{A1}", r.id());
        assertEquals(Action.BLOCK, r.action());
        assertTrue(r.outbound());
        assertTrue(r.active());
        assertEquals(6, r.protocol());
        assertEquals(List.of(new PortRange(443, 443)), r.remotePorts());
        assertEquals(1, r.remote().size());
        assertTrue(r.remote().get(0).contains(false, v4("10.200.3.4")));
        assertFalse(r.remote().get(0).contains(false, v4("11.0.0.1")));
        assertEquals("C:\\Tools\\app.exe", r.app());
        assertEquals("Block DB", r.name());
        assertEquals("Keeps the app off the DB", r.description());
        assertEquals(List.of(), r.unevaluated());
        assertEquals(List.of(), r.problems());
        assertEquals(Set.of(Profile.DOMAIN, Profile.PRIVATE, Profile.PUBLIC), r.appliesIn());
    }

    @Test
    void absentTokensMeanAnyAndActiveAbsentMeansDisabled() {
        FirewallRule r = FirewallRule.parse("x", "v2.10|Action=Allow|Dir=In|");
        assertFalse(r.active());
        assertEquals(-1, r.protocol());
        assertEquals(List.of(), r.remotePorts());
        assertEquals(List.of(), r.remote());
        assertNull(r.app());
        assertNull(r.name());
        assertEquals(Set.of(), r.profiles());
        assertEquals(3, r.appliesIn().size());
    }

    @Test
    void repeatedTokensAddToOneList() {
        FirewallRule r = FirewallRule.parse("x", "v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=17|RPort=53"
                + "|RPort=5000-5010|RPort2_10=8000-8080|Profile=Private|Profile=Public|RA4=192.0.2.1|RA4=198.51.100.0/24|");
        assertEquals(List.of(new PortRange(53, 53), new PortRange(5000, 5010), new PortRange(8000, 8080)),
                r.remotePorts());
        assertEquals(Set.of(Profile.PRIVATE, Profile.PUBLIC), r.profiles());
        assertEquals(2, r.remote().size());
    }

    @Test
    void commaListsAreReadToo() {
        FirewallRule r = FirewallRule.parse("x", "v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6|RPort=80,443,8000-8100"
                + "|RA4=192.0.2.1,192.0.2.9-192.0.2.20|");
        assertEquals(3, r.remotePorts().size());
        assertTrue(r.remotePorts().get(2).contains(8050));
        assertTrue(r.remote().get(1).contains(false, v4("192.0.2.15")));
        assertFalse(r.remote().get(1).contains(false, v4("192.0.2.21")));
    }

    @Test
    void portKeywordsAreKeptAsKeywords() {
        FirewallRule r = FirewallRule.parse("x", "v2.30|Action=Allow|Active=TRUE|Dir=Out|Protocol=6|RPort2_10=IPHTTPSOut|");
        assertEquals(List.of(), r.remotePorts());
        assertEquals(List.of("IPHTTPSOut"), r.portKeywords());
    }

    @Test
    void subnetsInMaskAndPrefixFormAreTheSame() {
        FirewallRule.AddressRange mask = FirewallRule.range("172.16.0.0/255.240.0.0");
        FirewallRule.AddressRange prefix = FirewallRule.range("172.16.0.0/12");
        assertEquals(mask.low(), prefix.low());
        assertEquals(mask.high(), prefix.high());
        assertEquals(v4("172.31.255.255"), mask.high());
        // a host address with host bits set is taken as its subnet
        assertEquals(v4("10.1.0.0"), FirewallRule.range("10.1.2.3/16").low());
        assertEquals(v4("0.0.0.0"), FirewallRule.range("0.0.0.0/0").low());
    }

    @Test
    void ipv6AddressesRangesAndSubnets() {
        FirewallRule.AddressRange subnet = FirewallRule.range("2001:db8::/32");
        assertTrue(subnet.v6());
        assertTrue(subnet.contains(true, v6("2001:db8:ffff::1")));
        assertFalse(subnet.contains(true, v6("2001:db9::1")));
        assertFalse(subnet.contains(false, v4("32.1.13.184")), "an IPv4 destination is never in an IPv6 range");
        FirewallRule.AddressRange range = FirewallRule.range("fe80::1-fe80::9");
        assertTrue(range.contains(true, v6("fe80::5")));
        assertFalse(range.contains(true, v6("fe80::a")));
        assertEquals(v6("::ffff:192.0.2.1"), v6("0:0:0:0:0:ffff:c000:201"));
        assertEquals(BigInteger.ONE, v6("::1"));
        assertEquals(v6("fe80::1"), v6("fe80::1%12"));
    }

    @Test
    void addressKeywordsAreKeptAsKeywords() {
        FirewallRule r = FirewallRule.parse("x", "v2.30|Action=Block|Active=TRUE|Dir=Out|RA4=LocalSubnet|RA6=LocalSubnet"
                + "|RA42=IntErnet|RA4=DefaultGateway|");
        assertEquals(List.of(), r.remote());
        assertEquals(List.of("LocalSubnet", "LocalSubnet", "IntErnet", "DefaultGateway"), r.addressKeywords());
    }

    @Test
    void anyAddressIsEveryAddressOfBothFamilies() {
        FirewallRule r = FirewallRule.parse("x", "v2.30|Action=Block|Active=TRUE|Dir=Out|RA4=*|");
        assertTrue(r.remote().stream().anyMatch(a -> a.contains(false, v4("203.0.113.5"))));
        assertTrue(r.remote().stream().anyMatch(a -> a.contains(true, v6("2001:db8::5"))));
    }

    @Test
    void conditionsThisReaderDoesNotEvaluateAreNamed() {
        FirewallRule r = FirewallRule.parse("x", "v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6|LPort=5000"
                + "|LA4=10.0.0.1|IFType=Wireless|RMAuth=O:LSD:(A;;CC;;;S-1-5-21)|Edge=FALSE|EmbedCtxt=@x.dll,-1|Future=1|");
        assertEquals(List.of("the local port", "the local address", "the interface type",
                "the remote computer's IPsec identity", "the field Future"), r.unevaluated());
    }

    @Test
    void resourceNamesAreRecognised() {
        FirewallRule r = FirewallRule.parse("CoreNet-DNS-Out-UDP", "v2.10|Action=Allow|Active=TRUE|Dir=Out|Protocol=17"
                + "|RPort=53|App=%SystemRoot%\\system32\\svchost.exe|Svc=dnscache|Name=@FirewallAPI.dll,-25405"
                + "|Desc=@FirewallAPI.dll,-25406|EmbedCtxt=@FirewallAPI.dll,-25000|");
        assertTrue(r.nameIsResource());
        assertEquals("@FirewallAPI.dll,-25405", r.name());
        assertEquals("dnscache", r.service());
        assertEquals(List.of(), r.unevaluated());
    }

    @Test
    void malformedValuesBecomeProblemsNotCrashes() {
        FirewallRule r = FirewallRule.parse("x", "v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6|RPort=70000"
                + "|RPort=9-3|RA4=10.0.0.300|RA4=10.0.0.0/33|RA4=10.0.0.0/255.0.255.0|RA6=fe80:::1|Profile=Home|junk|");
        assertEquals(8, r.problems().size(), r.problems().toString());
        assertEquals(List.of(), r.remotePorts());
        assertEquals(List.of(), r.remote());
        FirewallRule p = FirewallRule.parse("x", "v2.30|Action=Block|Dir=Out|Protocol=tcp|");
        assertEquals(-2, p.protocol());
        assertEquals(1, p.problems().size());
    }

    @Test
    void stringsThatAreNoRuleAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> FirewallRule.parse("x", ""));
        assertThrows(IllegalArgumentException.class, () -> FirewallRule.parse("x", "Action=Block|Dir=Out|"));
        assertThrows(IllegalArgumentException.class, () -> FirewallRule.parse("x", "v2.30|Dir=Out|"));
        assertThrows(IllegalArgumentException.class, () -> FirewallRule.parse("x", "v2.30|Action=Block|"));
        assertThrows(IllegalArgumentException.class, () -> FirewallRule.parse("x", "v2.30|Action=Deny|Dir=Out|"));
        assertThrows(IllegalArgumentException.class, () -> FirewallRule.parse("x", "v2.30|Action=Block|Dir=Sideways|"));
        assertThrows(IllegalArgumentException.class, () -> FirewallRule.parse("x", null));
    }

    @Test
    void tokensAndKeywordsAreCaseInsensitive() {
        FirewallRule r = FirewallRule.parse("x", "V2.30|action=block|active=true|dir=out|profile=public|ra4=localsubnet4|");
        assertEquals(Action.BLOCK, r.action());
        assertTrue(r.active());
        assertEquals(Set.of(Profile.PUBLIC), r.profiles());
        assertEquals(List.of("localsubnet4"), r.addressKeywords());
    }
}
