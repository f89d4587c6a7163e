package org.connectdoctor.ui;

import java.time.Duration;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.connectdoctor.explain.Action;
import org.connectdoctor.history.RunRecord;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Durations;
import org.connectdoctor.probe.FamilyChoice;
import org.connectdoctor.probe.InvalidInputException;
import org.connectdoctor.probe.Payload;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.SourceSpec;
import org.connectdoctor.probe.Target;
import org.connectdoctor.probe.TargetParser;

/**
 * The probe form: what the user typed and chose, validated on every change into the request Run
 * would send (or the engine's own message for what is wrong), with what Run will do in words. It
 * also changes itself as a follow-up or a history entry says, and says in words what it changed.
 * Knows no controls and no run; {@link ProbeViewModel} runs its request.
 */
final class ProbeForm {

    private final StringProperty target = new SimpleStringProperty("");
    private final ObjectProperty<SocketType> type = new SimpleObjectProperty<>(SocketType.STREAM);
    private final ObjectProperty<FamilyChoice> family = new SimpleObjectProperty<>(FamilyChoice.AUTO);
    private final StringProperty timeout = new SimpleStringProperty("5s");
    private final StringProperty source = new SimpleStringProperty("");
    private final BooleanProperty broadcast = new SimpleBooleanProperty(false);
    private final StringProperty payload = new SimpleStringProperty("");
    private final BooleanProperty payloadHex = new SimpleBooleanProperty(false);
    private final StringProperty count = new SimpleStringProperty("1");
    private final StringProperty interval = new SimpleStringProperty("1s");
    private final BooleanProperty allAddresses = new SimpleBooleanProperty(false);
    private final BooleanProperty happyEyeballs = new SimpleBooleanProperty(false);
    /** Check TLS after the connect (stream targets only; ignored for others, like broadcast for streams). */
    private final BooleanProperty checkTls = new SimpleBooleanProperty(false);
    /** The name for SNI and the certificate; empty: the target's host. */
    private final StringProperty tlsName = new SimpleStringProperty("");

    // derived
    private final ReadOnlyStringWrapper targetMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper optionsMessage = new ReadOnlyStringWrapper("");
    /** What Run will do with the form as it stands ({@link RunPlan}); empty while the form has a problem. */
    private final ReadOnlyStringWrapper plan = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ProbeRequest> request = new ReadOnlyObjectWrapper<>();

    /** Whether the target is a Unix socket: the type buttons then say Unix, not TCP or UDP. */
    private final ReadOnlyBooleanWrapper unixTarget = new ReadOnlyBooleanWrapper();

    ProbeForm() {
        Runnable validate = this::validate;
        for (var p : List.of(target, timeout, source, payload, count, interval, tlsName)) {
            p.addListener((obs, o, n) -> validate.run());
        }
        for (var p : List.of(type, family)) {
            p.addListener((obs, o, n) -> validate.run());
        }
        for (var p : List.of(broadcast, payloadHex, allAddresses, happyEyeballs, checkTls)) {
            p.addListener((obs, o, n) -> validate.run());
        }
        // A path is a Unix socket: the family follows the target by itself.
        target.addListener((obs, o, text) -> {
            boolean unix = FormWords.targetError(text).isEmpty() && !text.isBlank() && FormWords.isUnix(text);
            if (unix) {
                family.set(FamilyChoice.UNIX);
            } else if (family.get() == FamilyChoice.UNIX) {
                family.set(FamilyChoice.AUTO);
            }
        });
        validate();
    }

    /** The request Run would send now, or null while the form has a problem. */
    ProbeRequest request() {
        return request.get();
    }

    private void validate() {
        targetMessage.set(FormWords.targetError(target.get()));
        unixTarget.set(FormWords.isUnix(target.get()));
        ProbeRequest built = null;
        String message = "";
        if (targetMessage.get().isEmpty() && !target.get().isBlank()) {
            try {
                built = build();
            } catch (InvalidInputException e) {
                message = e.getMessage();
            }
        }
        optionsMessage.set(message);
        request.set(built);
        plan.set(built != null ? FormWords.urlNote(target.get()) + RunPlan.of(built)
                : target.get().isBlank() ? RunPlan.EMPTY : "");
    }

    private ProbeRequest build() throws InvalidInputException {
        Target t = TargetParser.parse(target.get());
        int n;
        try {
            n = Integer.parseInt(count.get().strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("The count \"" + count.get() + "\" is not a whole number; write 1 for a "
                    + "single probe, or up to " + ProbeRequest.MAX_COUNT + ".");
        }
        org.connectdoctor.probe.proxy.ProxyTunnel.Request tunnel = null;
        if (throughProxy != null && t instanceof Target.Inet in && in.port() > 0 && type.get() == SocketType.STREAM) {
            // one probe through the proxy: CONNECT for the form's target, the proxy as the engine's target
            org.connectdoctor.probe.proxy.ProxyAddress p = org.connectdoctor.probe.proxy.ProxyAddress.parse(throughProxy);
            tunnel = new org.connectdoctor.probe.proxy.ProxyTunnel.Request(p, in.host(), in.port(), "the system setting");
            t = TargetParser.parse(p.display());
        }
        ProbeRequest.Builder b = ProbeRequest.builder(t)
                .tunnel(tunnel)
                .type(type.get())
                .family(t instanceof Target.Unix ? FamilyChoice.AUTO
                        : family.get() == FamilyChoice.UNIX ? FamilyChoice.AUTO : family.get())
                .timeout(Durations.parse(timeout.get(), "timeout", ProbeRequest.MIN_TIMEOUT, ProbeRequest.MAX_TIMEOUT))
                .count(n)
                .interval(Durations.parse(interval.get(), "interval", Duration.ZERO, ProbeRequest.MAX_INTERVAL))
                .allAddresses(allAddresses.get())
                .happyEyeballs(happyEyeballs.get() && !allAddresses.get() && type.get() == SocketType.STREAM
                        && !(t instanceof Target.Unix))
                .broadcast(broadcast.get() && type.get() == SocketType.DGRAM);
        if (!source.get().isBlank() && !(t instanceof Target.Unix)) {
            b.source(SourceSpec.parse(source.get()));
        }
        if (checkTls.get() && type.get() == SocketType.STREAM && !(t instanceof Target.Unix)) {
            b.tls(true).tlsName(tlsName.get().isBlank() ? null : tlsName.get().strip());
        }
        if (type.get() == SocketType.DGRAM && !payload.get().isEmpty()) {
            b.payload(payloadHex.get() ? Payload.ofHex(payload.get()) : Payload.ofText(payload.get()));
        }
        return b.build();
    }

    /** The proxy the next probe goes through, set by the "Through the proxy" follow-up for one run; else null. */
    private String throughProxy;

    /** For the next probe only ({@code proxy}) or back to a direct one (null): the request follows. */
    void throughProxy(String proxy) {
        throughProxy = proxy;
        validate();
    }

    /** Puts the run's type, target and options into the form, as they were. */
    void restore(RunRecord r) {
        type.set(r.type());
        target.set(r.target());
        FamilyChoice f = r.options().family();
        family.set(f == FamilyChoice.UNIX ? FamilyChoice.AUTO : f);
        timeout.set(org.connectdoctor.probe.Durations.format(java.time.Duration.ofMillis(r.options().timeoutMillis())));
        source.set(r.options().source() == null ? "" : r.options().source());
        broadcast.set(r.options().broadcast());
        payloadHex.set(!r.options().payloadHex().isEmpty());
        payload.set(r.options().payloadHex());
        count.set(Integer.toString(r.options().count()));
        interval.set(org.connectdoctor.probe.Durations.format(java.time.Duration.ofMillis(r.options().intervalMillis())));
        allAddresses.set(r.options().allAddresses());
        happyEyeballs.set(r.options().happyEyeballs());
        checkTls.set(r.options().tls());
        tlsName.set(r.options().tlsName() == null ? "" : r.options().tlsName());
    }

    /** A follow-up's other target (the family back to Auto when it was pinned). */
    void tryTarget(String other, List<String> changed) {
        if (family.get() == FamilyChoice.IPV4 || family.get() == FamilyChoice.IPV6) {
            setFamily(FamilyChoice.AUTO, changed);
        }
        changed.add("Target " + target.get().strip() + " \u2192 " + other);
        target.set(other);
    }

    /** A follow-up's longer timeout. */
    void longerTimeout(String words, List<String> changed) {
        changed.add("Timeout " + timeout.get().strip() + " \u2192 " + words);
        timeout.set(words);
    }

    /** Changes the form as the explanation's action says, adding what it changed to {@code changed}. */
    void apply(Action action, List<String> changed) {
        switch (action) {
            case RETRY_WITH_BROADCAST -> {
                setType(SocketType.DGRAM, changed);
                if (!broadcast.get()) {
                    changed.add("Allow broadcast off \u2192 on");
                    broadcast.set(true);
                }
            }
            case RETRY_IPV4_ONLY -> setFamily(FamilyChoice.IPV4, changed);
            case RETRY_IPV6_ONLY -> setFamily(FamilyChoice.IPV6, changed);
            case RETRY_AS_DATAGRAM -> setType(SocketType.DGRAM, changed);
            case RETRY_AS_STREAM -> setType(SocketType.STREAM, changed);
            case RETRY_AS_SEQPACKET -> setType(SocketType.SEQPACKET, changed);
            case RETRY_WITHOUT_SOURCE_PORT -> {
                String s = source.get().strip();
                int colon = s.lastIndexOf(':');
                String without = s;
                if (s.startsWith("[") && s.contains("]:")) {
                    without = s.substring(0, s.indexOf("]:") + 1);
                } else if (colon >= 0 && s.indexOf(':') == colon) {
                    without = s.substring(0, colon);
                }
                if (!without.equals(s)) {
                    changed.add("Source " + s + " \u2192 " + (without.isEmpty() ? "(empty)" : without));
                    source.set(without);
                }
            }
        }
    }

    private void setType(SocketType t, List<String> changed) {
        if (type.get() != t) {
            changed.add("Type " + FormWords.typeWords(type.get(), unixTarget.get()) + " \u2192 "
                    + FormWords.typeWords(t, unixTarget.get()));
            type.set(t);
        }
    }

    private void setFamily(FamilyChoice f, List<String> changed) {
        if (family.get() != f) {
            changed.add("Family " + FormWords.familyWords(family.get()) + " \u2192 " + FormWords.familyWords(f));
            family.set(f);
        }
    }

    StringProperty targetProperty() { return target; }
    ObjectProperty<SocketType> typeProperty() { return type; }
    ObjectProperty<FamilyChoice> familyProperty() { return family; }
    StringProperty timeoutProperty() { return timeout; }
    StringProperty sourceProperty() { return source; }
    BooleanProperty broadcastProperty() { return broadcast; }
    StringProperty payloadProperty() { return payload; }
    BooleanProperty payloadHexProperty() { return payloadHex; }
    StringProperty countProperty() { return count; }
    StringProperty intervalProperty() { return interval; }
    BooleanProperty allAddressesProperty() { return allAddresses; }
    BooleanProperty happyEyeballsProperty() { return happyEyeballs; }
    BooleanProperty checkTlsProperty() { return checkTls; }
    StringProperty tlsNameProperty() { return tlsName; }
    ReadOnlyStringProperty targetMessageProperty() { return targetMessage.getReadOnlyProperty(); }
    ReadOnlyStringProperty optionsMessageProperty() { return optionsMessage.getReadOnlyProperty(); }
    ReadOnlyStringProperty planProperty() { return plan.getReadOnlyProperty(); }
    ReadOnlyObjectProperty<ProbeRequest> requestProperty() { return request.getReadOnlyProperty(); }
    ReadOnlyBooleanProperty unixTargetProperty() { return unixTarget.getReadOnlyProperty(); }
}
