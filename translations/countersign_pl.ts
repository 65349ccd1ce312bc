<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl_PL">
<context>
    <name>Autostart</name>
    <message>
        <location filename="../app/Autostart.cpp" line="30"/>
        <source>%1 cannot be removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <location filename="../ui/ErrorText.cpp" line="30"/>
        <source>This action was already decided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="31"/>
        <source>This action has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="33"/>
        <source>The action changed since it was shown; the decision was not accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="34"/>
        <source>Your account may not approve or deny actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="36"/>
        <source>You requested this action; someone else must decide it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="38"/>
        <source>This action was requested on your behalf; someone else must decide it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="39"/>
        <source>A denial needs a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="40"/>
        <source>The gateway does not know this action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="41"/>
        <source>The gateway accepts only signed decisions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="43"/>
        <source>This console speaks another protocol version than the gateway; update it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="44"/>
        <source>The decision was signed for another approver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="46"/>
        <source>Your signing key is not enrolled on this gateway. Enroll it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="47"/>
        <source>This signing key belongs to another approver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="49"/>
        <source>Your signing key waits for an operator&apos;s approval; ask them to approve it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="50"/>
        <source>Your signing key has been revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="52"/>
        <source>This gateway accepts only hardware keys; a software key cannot sign here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="54"/>
        <source>The gateway does not accept this signature algorithm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="56"/>
        <source>The signature does not match the enrolled key&apos;s algorithm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="57"/>
        <source>The signature could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="59"/>
        <source>The signature does not verify; the decision was not accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="60"/>
        <source>The security key signed for another service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="62"/>
        <source>The security key signed without being touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="64"/>
        <source>This computer&apos;s clock is too far from the gateway&apos;s; correct it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="66"/>
        <source>This signed decision was already used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="67"/>
        <source>This key is already enrolled on the gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="78"/>
        <source>No security key or smartcard was found. Insert it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="79"/>
        <source>The key needs its PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="80"/>
        <source>The PIN is wrong. Nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="82"/>
        <source>The key is locked after too many wrong PINs. Unlock it with its PUK or administrator PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="84"/>
        <source>The signing key was not found on the token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="85"/>
        <source>Signing was cancelled; nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="86"/>
        <source>The security key was not touched in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="88"/>
        <source>The gateway&apos;s digest does not match the action shown; nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="92"/>
        <source>The key could not sign: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cs::ActionReviewPane</name>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="65"/>
        <source>Select an action in the queue to review it.</source>
        <translation>Wybierz akcję w kolejce, aby ją sprawdzić.</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="80"/>
        <source>⚠ Production</source>
        <translation>⚠ Produkcja</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="82"/>
        <source>This action touches a production environment: approve with care.</source>
        <translation>Ta akcja dotyczy środowiska produkcyjnego: zatwierdzaj ostrożnie.</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="87"/>
        <source>Initiator</source>
        <translation>Zlecający</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="88"/>
        <source>On behalf of</source>
        <translation>W imieniu</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="89"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="90"/>
        <source>Resource</source>
        <translation>Zasób</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="91"/>
        <source>Environment</source>
        <translation>Środowisko</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="92"/>
        <source>Requested</source>
        <translation>Zlecono</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="93"/>
        <source>Time left</source>
        <translation>Pozostały czas</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="94"/>
        <source>Approval</source>
        <translation>Zatwierdzenie</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="99"/>
        <location filename="../ui/ActionReviewPane.cpp" line="111"/>
        <source>Command</source>
        <translation>Polecenie</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="123"/>
        <source>Reveal</source>
        <translation>Pokaż</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="124"/>
        <source>Show the masked values on screen</source>
        <translation>Pokaż zamaskowane wartości na ekranie</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="132"/>
        <source>Justification</source>
        <translation>Uzasadnienie</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="140"/>
        <location filename="../ui/ActionReviewPane.cpp" line="144"/>
        <source>Context</source>
        <translation>Kontekst</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="145"/>
        <source>Field</source>
        <translation>Pole</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="145"/>
        <source>Value</source>
        <translation>Wartość</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="152"/>
        <source>Digest</source>
        <translation>Skrót</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="168"/>
        <source>&amp;Deny…</source>
        <translation>&amp;Odrzuć…</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="170"/>
        <source>Deny this action with a reason (D)</source>
        <translation>Odrzuć tę akcję z podaniem powodu (D)</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="171"/>
        <source>&amp;Approve…</source>
        <translation>&amp;Zatwierdź…</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="173"/>
        <source>Approve and sign this action (A)</source>
        <translation>Zatwierdź i podpisz tę akcję (A)</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="174"/>
        <source>&amp;Withdraw my approval</source>
        <translation>&amp;Wycofaj moje zatwierdzenie</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="176"/>
        <source>Take back your approval while the action still waits for others</source>
        <translation>Wycofaj swoje zatwierdzenie, dopóki akcja czeka jeszcze na innych</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="218"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="223"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ActionReviewPane.cpp" line="269"/>
        <source>runs without a shell, as %n argument(s)</source>
        <translation>
            <numerusform>uruchamiane bez powłoki, jako %n argument</numerusform>
            <numerusform>uruchamiane bez powłoki, jako %n argumenty</numerusform>
            <numerusform>uruchamiane bez powłoki, jako %n argumentów</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="270"/>
        <source>runs as one /bin/sh -c string</source>
        <translation>uruchamiane jako jeden ciąg /bin/sh -c</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ActionReviewPane.cpp" line="271"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n wiersz</numerusform>
            <numerusform>%n wiersze</numerusform>
            <numerusform>%n wierszy</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ActionReviewPane.cpp" line="273"/>
        <source>%n hidden or control character(s) shown as ⟦…⟧</source>
        <translation>
            <numerusform>%n ukryty lub sterujący znak pokazany jako ⟦…⟧</numerusform>
            <numerusform>%n ukryte lub sterujące znaki pokazane jako ⟦…⟧</numerusform>
            <numerusform>%n ukrytych lub sterujących znaków pokazanych jako ⟦…⟧</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ActionReviewPane.cpp" line="275"/>
        <source>%n value(s) that look like secrets are shown.</source>
        <translation>
            <numerusform>%n wartość wyglądająca na sekret jest widoczna.</numerusform>
            <numerusform>%n wartości wyglądające na sekrety są widoczne.</numerusform>
            <numerusform>%n wartości wyglądających na sekrety jest widocznych.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ActionReviewPane.cpp" line="276"/>
        <source>%n value(s) that look like secrets are masked as •••••••• on screen; the signature covers the original.</source>
        <translation>
            <numerusform>%n wartość wyglądająca na sekret jest zamaskowana na ekranie jako ••••••••; podpis obejmuje oryginał.</numerusform>
            <numerusform>%n wartości wyglądające na sekrety są zamaskowane na ekranie jako ••••••••; podpis obejmuje oryginał.</numerusform>
            <numerusform>%n wartości wyglądających na sekrety jest zamaskowanych na ekranie jako ••••••••; podpis obejmuje oryginał.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="307"/>
        <source>This action expired: it can no longer be decided.</source>
        <translation>Ta akcja wygasła: nie można już o niej zdecydować.</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="388"/>
        <source>%1 (rule %2)</source>
        <translation>%1 (reguła %2)</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="390"/>
        <source>hardware key only</source>
        <translation>tylko klucz sprzętowy</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="397"/>
        <source>%1 of %2 approved (%3) — waiting for %4</source>
        <translation>zatwierdzono %1 z %2 (%3) — czeka na %4</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="400"/>
        <source> and </source>
        <translation> i </translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="403"/>
        <source>You approved this action; it waits for the others.</source>
        <translation>Zatwierdzono tę akcję; czeka na pozostałych.</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="414"/>
        <source>Scroll to the end of the command to enable Approve: it has lines below.</source>
        <translation>Przewiń do końca polecenia, aby włączyć Zatwierdź: poniżej są dalsze wiersze.</translation>
    </message>
</context>
<context>
    <name>cs::ApproveConfirmDialog</name>
    <message>
        <location filename="../ui/ApproveConfirmDialog.cpp" line="19"/>
        <source>Approve action</source>
        <translation>Zatwierdź akcję</translation>
    </message>
    <message>
        <location filename="../ui/ApproveConfirmDialog.cpp" line="31"/>
        <source>Approve &lt;b&gt;%1&lt;/b&gt; on &lt;b&gt;%2 / %3&lt;/b&gt; (%4), urgency %5, requested by %6?</source>
        <translation>Zatwierdzić &lt;b&gt;%1&lt;/b&gt; na &lt;b&gt;%2 / %3&lt;/b&gt; (%4), pilność %5, zlecone przez %6?</translation>
    </message>
    <message>
        <location filename="../ui/ApproveConfirmDialog.cpp" line="36"/>
        <source>Your key signs the command exactly as the review pane shows it.</source>
        <translation>Twój klucz podpisuje polecenie dokładnie tak, jak pokazuje je panel przeglądu.</translation>
    </message>
    <message>
        <location filename="../ui/ApproveConfirmDialog.cpp" line="40"/>
        <source>Approve</source>
        <translation>Zatwierdź</translation>
    </message>
</context>
<context>
    <name>cs::AuditBrowser</name>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="56"/>
        <source>the signed decision cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="59"/>
        <source>key %1 is not in the mirror; the gateway checked it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="62"/>
        <source>SIGNATURE DOES NOT VERIFY: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="63"/>
        <source>signature verifies under %1&apos;s %2 key %3 (%4, %5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="79"/>
        <source>
    policy: rule %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="84"/>
        <source>
    %1 on %2 (%3)
    $ %4
    why: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="90"/>
        <source>
    %1, reason: %2
    %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="96"/>
        <source>
    ran: %1%2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="98"/>
        <source>, exit code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="103"/>
        <source>
    refused: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="114"/>
        <source>Search command and justification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="115"/>
        <source>System</source>
        <translation type="unfinished">System</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="116"/>
        <source>Environment</source>
        <translation type="unfinished">Środowisko</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="117"/>
        <source>Initiator</source>
        <translation type="unfinished">Zlecający</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="118"/>
        <source>Approver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="118"/>
        <source>Between</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="124"/>
        <source>Countersign — audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="131"/>
        <source>Any event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="140"/>
        <source>Any verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="141"/>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="142"/>
        <source>Denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="168"/>
        <source>Select an event to see its action&apos;s whole story.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="184"/>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="185"/>
        <source>Export JSON Lines…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="186"/>
        <source>Evidence bundle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="187"/>
        <source>Verify local copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="189"/>
        <source>Check every stored event against its hash and the one before it, to find a change made to this computer&apos;s copy of the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="194"/>
        <source>The matching events with what an auditor needs to check them offline: the chain between them, the gateway&apos;s signed checkpoints and the signers&apos; keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="259"/>
        <source>The audit log does not verify at seq %1: %2 (%3). Events from there on were not accepted; tell your security team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/AuditBrowser.cpp" line="267"/>
        <source>%n event(s) mirrored, verified up to seq %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="285"/>
        <source>Export the matching events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="286"/>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="286"/>
        <source>JSON Lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="307"/>
        <source>The local copy cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="309"/>
        <source>The local copy was changed on this computer at seq %1: %2 (%3). Delete it and sync again from the gateway, and tell your security team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/AuditBrowser.cpp" line="316"/>
        <source>The local copy verifies: %n event(s) chain correctly up to seq %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="323"/>
        <source>Verifying the local copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="334"/>
        <source>Write the evidence bundle to a new folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="358"/>
        <source>Exporting the audit log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="358"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/AuditBrowser.cpp" line="379"/>
        <source>Exported %n event(s) to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="381"/>
        <source>Export cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="384"/>
        <source>Event %1 in the local copy cannot be read; the export stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="388"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cs::AuditController</name>
    <message>
        <location filename="../app/AuditController.cpp" line="57"/>
        <source>up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/AuditController.cpp" line="67"/>
        <location filename="../app/AuditController.cpp" line="92"/>
        <source>offline: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cs::AuditMirrorWriter</name>
    <message>
        <location filename="../core/audit/AuditMirrorWriter.cpp" line="37"/>
        <source>The gateway sent an empty audit page.</source>
        <translation>Bramka przesłała pustą stronę audytu.</translation>
    </message>
</context>
<context>
    <name>cs::AuditSync</name>
    <message>
        <location filename="../core/audit/AuditSync.cpp" line="67"/>
        <source>The gateway does not publish an audit key.</source>
        <translation>Bramka nie publikuje klucza audytu.</translation>
    </message>
</context>
<context>
    <name>cs::AuditTableModel</name>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="98"/>
        <source>Seq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="100"/>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="102"/>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="104"/>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="106"/>
        <source>Kind</source>
        <translation type="unfinished">Rodzaj</translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="108"/>
        <source>Target</source>
        <translation type="unfinished">Cel</translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="110"/>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="112"/>
        <source>Command</source>
        <translation type="unfinished">Polecenie</translation>
    </message>
</context>
<context>
    <name>cs::BundleExport</name>
    <message>
        <location filename="../ui/BundleExport.cpp" line="15"/>
        <source>Writing the evidence bundle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/BundleExport.cpp" line="15"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/BundleExport.cpp" line="32"/>
        <source>%1 is not empty; choose a new folder for the bundle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BundleExport.cpp" line="68"/>
        <source>Wrote an evidence bundle of %n matching event(s) to %1 (seq %2 to %3, %4 events with their chain); check it with countersign-cli audit verify.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BundleExport.cpp" line="76"/>
        <source>%n later event(s) are not covered by a gateway checkpoint yet and were left out.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/BundleExport.cpp" line="81"/>
        <source>Bundle export cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/BundleExport.cpp" line="83"/>
        <source>No event matches the filter: there is nothing to bundle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/BundleExport.cpp" line="85"/>
        <source>No gateway checkpoint covers the matching events yet; sync and try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/BundleExport.cpp" line="89"/>
        <source>The bundle could not be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cs::ConnectDialog</name>
    <message>
        <location filename="../ui/ConnectDialog.cpp" line="17"/>
        <source>Remember the token in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConnectDialog.cpp" line="19"/>
        <source>Connect to a Countersign gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConnectDialog.cpp" line="30"/>
        <source>Gateway URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConnectDialog.cpp" line="31"/>
        <source>Approver token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConnectDialog.cpp" line="36"/>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConnectDialog.cpp" line="42"/>
        <source>Give the gateway&apos;s URL and your token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ConnectDialog.cpp" line="70"/>
        <source>No keychain is reachable: the token will be asked at every start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cs::ConsoleController</name>
    <message>
        <location filename="../app/ConsoleController.cpp" line="31"/>
        <source>Approved by %1.</source>
        <translation>Zatwierdzone przez %1.</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="33"/>
        <source>Denied by %1: %2</source>
        <translation>Odrzucone przez %1: %2</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="35"/>
        <source>Expired without a decision.</source>
        <translation>Wygasło bez decyzji.</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="36"/>
        <source>Cancelled by its initiator.</source>
        <translation>Anulowane przez zlecającego.</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="101"/>
        <source>Countersign keeps running</source>
        <translation>Countersign działa dalej</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="102"/>
        <source>Urgent requests still reach you here. Quit from this icon&apos;s menu.</source>
        <translation>Pilne prośby nadal tu docierają. Zakończ z menu tej ikony.</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="215"/>
        <source>This action is no longer pending.</source>
        <translation>Ta akcja już nie czeka.</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="237"/>
        <source>Untrusted certificate</source>
        <translation>Niezaufany certyfikat</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="238"/>
        <source>%1 (%2) was not connected.</source>
        <translation>Nie połączono z %1 (%2).</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="242"/>
        <source>Give the gateway&apos;s CA file or fingerprint in Settings &gt; Gateways, or start the console with --ca-file.</source>
        <translation>Podaj plik CA lub odcisk bramki w Ustawienia &gt; Bramki albo uruchom konsolę z --ca-file.</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="344"/>
        <source>Signed in as %1</source>
        <translation>Zalogowano jako %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="345"/>
        <source>Signed in as %1 (read only: not an approver)</source>
        <translation>Zalogowano jako %1 (tylko odczyt: brak roli zatwierdzającego)</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleController.cpp" line="355"/>
        <location filename="../app/ConsoleController.cpp" line="356"/>
        <location filename="../app/ConsoleController.cpp" line="361"/>
        <source>%n pending</source>
        <translation>
            <numerusform>%n oczekująca</numerusform>
            <numerusform>%n oczekujące</numerusform>
            <numerusform>%n oczekujących</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleController.cpp" line="355"/>
        <source>%n urgent</source>
        <translation>
            <numerusform>%n pilna</numerusform>
            <numerusform>%n pilne</numerusform>
            <numerusform>%n pilnych</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="361"/>
        <source>Nothing pending</source>
        <translation>Nic nie czeka</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleController.cpp" line="363"/>
        <source>⚠ %n urgent</source>
        <translation>
            <numerusform>⚠ %n pilna</numerusform>
            <numerusform>⚠ %n pilne</numerusform>
            <numerusform>⚠ %n pilnych</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleController.cpp" line="371"/>
        <source>Countersign: %n pending</source>
        <translation>
            <numerusform>Countersign: %n oczekująca</numerusform>
            <numerusform>Countersign: %n oczekujące</numerusform>
            <numerusform>Countersign: %n oczekujących</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="371"/>
        <source>Countersign: nothing pending</source>
        <translation>Countersign: nic nie czeka</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="373"/>
        <source>Most urgent: %1 %2 on %3 (%4)</source>
        <translation>Najpilniejsze: %1 %2 na %3 (%4)</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="377"/>
        <source>Notifications paused; critical requests still notify.</source>
        <translation>Powiadomienia wstrzymane; krytyczne prośby nadal powiadamiają.</translation>
    </message>
</context>
<context>
    <name>cs::DBusNotifier</name>
    <message>
        <location filename="../app/notify/DBusNotifier.cpp" line="69"/>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cs::DecisionSigner</name>
    <message>
        <location filename="../app/DecisionSigner.cpp" line="39"/>
        <source>No signing key is set up for this console. Start it with --key pkcs11:…, fido2:FILE or software:FILE, or with --dev-principals against a dev gateway.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cs::DenyReasonDialog</name>
    <message>
        <location filename="../ui/DenyReasonDialog.cpp" line="15"/>
        <source>Deny action</source>
        <translation>Odrzuć akcję</translation>
    </message>
    <message>
        <location filename="../ui/DenyReasonDialog.cpp" line="19"/>
        <source>Why do you deny %1? The agent and the audit log will see this reason.</source>
        <translation>Dlaczego odrzucasz %1? Agent i dziennik audytu zobaczą ten powód.</translation>
    </message>
    <message>
        <location filename="../ui/DenyReasonDialog.cpp" line="26"/>
        <source>Deny</source>
        <translation>Odrzuć</translation>
    </message>
    <message>
        <location filename="../ui/DenyReasonDialog.cpp" line="43"/>
        <source>Send the denial (Ctrl+Enter)</source>
        <translation>Wyślij odrzucenie (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>cs::GatewaySession</name>
    <message>
        <location filename="../app/GatewaySession.cpp" line="37"/>
        <source>Reconnecting to %1 (attempt %2, next in %3 s)…</source>
        <translation>Ponowne łączenie z %1 (próba %2, następna za %3 s)…</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="54"/>
        <source>%1: its certificate is not trusted</source>
        <translation>%1: jej certyfikat nie jest zaufany</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="58"/>
        <source>%1 reported: %2</source>
        <translation>%1 zgłasza: %2</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="60"/>
        <location filename="../app/GatewaySession.cpp" line="217"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="86"/>
        <source>Which gateway should this console connect to?</source>
        <translation>Z którą bramką ma się połączyć ta konsola?</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="105"/>
        <source>the dev software key</source>
        <translation>deweloperskiego klucza programowego</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="113"/>
        <source>The signing key cannot be used: %1</source>
        <translation>Nie można użyć klucza podpisującego: %1</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="121"/>
        <source>Reading the token for %1 from the keychain…</source>
        <translation>Odczytywanie tokenu dla %1 z pęku kluczy…</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="129"/>
        <source>No keychain is reachable (%1). Enter your token; it will be asked again at the next start.</source>
        <translation>Pęk kluczy jest niedostępny (%1). Wpisz swój token; przy następnym uruchomieniu zostaniesz o niego zapytany ponownie.</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="133"/>
        <source>Enter your approver token for %1.</source>
        <translation>Wpisz swój token zatwierdzającego dla %1.</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="145"/>
        <source>No keychain is reachable.</source>
        <translation>Pęk kluczy jest niedostępny.</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="157"/>
        <source>Not connected</source>
        <translation>Nie połączono</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="166"/>
        <source>Keychain unavailable: the token will be asked at the next start.</source>
        <translation>Pęk kluczy niedostępny: o token zapytamy przy następnym uruchomieniu.</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="179"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="210"/>
        <source>Connected to %1</source>
        <translation>Połączono z %1</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="212"/>
        <source>Connecting to %1…</source>
        <translation>Łączenie z %1…</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="215"/>
        <source>Reconnecting to %1 (attempt %2)…</source>
        <translation>Ponowne łączenie z %1 (próba %2)…</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="261"/>
        <source>Not connected to the gateway; the decision was not sent.</source>
        <translation>Brak połączenia z bramką; decyzja nie została wysłana.</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="281"/>
        <source>The gateway %1 refused the token: %2</source>
        <translation>Bramka %1 odrzuciła token: %2</translation>
    </message>
</context>
<context>
    <name>cs::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="34"/>
        <source>Filter by kind, initiator, target or command (/)</source>
        <translation>Filtruj według rodzaju, zlecającego, celu lub polecenia (/)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="35"/>
        <source>Filter the queue</source>
        <translation>Filtruj kolejkę</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="43"/>
        <source>Pending actions</source>
        <translation>Oczekujące akcje</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="106"/>
        <source>&amp;File</source>
        <translation>&amp;Plik</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="107"/>
        <source>&amp;Audit log…</source>
        <translation>&amp;Dziennik audytu…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="109"/>
        <source>&amp;Signing key…</source>
        <translation>&amp;Klucz podpisujący…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="110"/>
        <source>S&amp;ettings…</source>
        <translation>U&amp;stawienia…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="113"/>
        <source>&amp;Quit</source>
        <translation>&amp;Zakończ</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="115"/>
        <source>&amp;Action</source>
        <translation>&amp;Akcja</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="116"/>
        <source>&amp;Next in queue</source>
        <translation>&amp;Następna w kolejce</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="121"/>
        <source>&amp;Previous in queue</source>
        <translation>&amp;Poprzednia w kolejce</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="126"/>
        <source>&amp;Review the command</source>
        <translation>P&amp;rzejrzyj polecenie</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="128"/>
        <source>&amp;Approve…</source>
        <translation>&amp;Zatwierdź…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="130"/>
        <source>&amp;Deny…</source>
        <translation>&amp;Odrzuć…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="132"/>
        <source>&amp;Filter the queue</source>
        <translation>&amp;Filtruj kolejkę</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="135"/>
        <source>&amp;Help</source>
        <translation>Pomo&amp;c</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="136"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Skróty klawiszowe</translation>
    </message>
</context>
<context>
    <name>cs::PendingQueueModel</name>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="48"/>
        <source>expired</source>
        <translation>wygasła</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="50"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="52"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="53"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="60"/>
        <source>Low</source>
        <translation>Niska</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="62"/>
        <source>Normal</source>
        <translation>Normalna</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="64"/>
        <source>High</source>
        <translation>Wysoka</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="66"/>
        <source>Critical</source>
        <translation>Krytyczna</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="132"/>
        <source>%1 (offline)</source>
        <translation>%1 (offline)</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="137"/>
        <source>%1 for %2</source>
        <translation>%1 dla %2</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="143"/>
        <source>stale</source>
        <translation>nieaktualne</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="155"/>
        <source>Urgency</source>
        <translation>Pilność</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="157"/>
        <source>Gateway</source>
        <translation>Bramka</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="159"/>
        <source>Kind</source>
        <translation>Rodzaj</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="161"/>
        <source>Initiator</source>
        <translation>Zlecający</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="163"/>
        <source>Target</source>
        <translation>Cel</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="165"/>
        <source>Environment</source>
        <translation>Środowisko</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="167"/>
        <source>Time left</source>
        <translation>Pozostały czas</translation>
    </message>
</context>
<context>
    <name>cs::SettingsController</name>
    <message>
        <location filename="../app/SettingsController.cpp" line="61"/>
        <source>Start at login could not be changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="114"/>
        <source>A gateway named %1 is already connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="119"/>
        <source>Added %1; its token is kept in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="120"/>
        <source>Added %1, but the keychain cannot keep its token (%2): it will be asked at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="139"/>
        <source>Removed %1 and its token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="154"/>
        <source>%1 does not answer: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="158"/>
        <source>%1 answers, but refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="160"/>
        <source>%1 answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="165"/>
        <source>%1 answers, but not as a Countersign gateway: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="167"/>
        <source>%1 answers and knows you as %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cs::SettingsDialog</name>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="26"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="30"/>
        <source>&amp;Gateways</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="31"/>
        <source>Signing &amp;keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="32"/>
        <source>&amp;Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="33"/>
        <source>G&amp;eneral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="57"/>
        <source>Gateways</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="68"/>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="68"/>
        <source>Ask the selected gateway whether it answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="69"/>
        <source>Signing ke&amp;y…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="70"/>
        <source>Pick the key that signs your decisions on the selected gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="72"/>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="72"/>
        <source>Stop connecting to the selected gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="82"/>
        <source>Add a gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="86"/>
        <source>prod</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="93"/>
        <source>your approver token; kept in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="94"/>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="95"/>
        <source>&amp;URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="96"/>
        <source>T&amp;oken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="100"/>
        <source>optional: the gateway&apos;s CA certificate (PEM), instead of the system&apos;s CAs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="103"/>
        <source>optional: SHA-256 fingerprint of its certificate or CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="104"/>
        <source>&amp;CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="105"/>
        <source>&amp;Fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="107"/>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="109"/>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="122"/>
        <source>Enter the gateway&apos;s URL, e.g. https://countersign.example.com:8470.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="124"/>
        <source>Enter your approver token for this gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="144"/>
        <source>Gate&amp;way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="159"/>
        <source>Critical only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="160"/>
        <source>High and critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="161"/>
        <source>Every action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="162"/>
        <source>&amp;Notify for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="163"/>
        <source>Show &amp;commands in notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="165"/>
        <source>Off by default: notifications can appear on a locked screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="170"/>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="171"/>
        <source>&amp;Remind of an unopened urgent request after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="172"/>
        <source>Play a &amp;sound for critical requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="175"/>
        <source>Pausing notifications from the tray icon never holds back critical requests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="187"/>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="191"/>
        <source>&amp;Language (after a restart)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="192"/>
        <source>Start Countersign when I &amp;log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="204"/>
        <source>%1 — %2
%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cs::ShortcutsDialog</name>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="16"/>
        <source>Keyboard shortcuts</source>
        <translation>Skróty klawiszowe</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="28"/>
        <source> or </source>
        <translation> lub </translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="31"/>
        <source>↓ / ↑</source>
        <translation>↓ / ↑</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="31"/>
        <source>Next or previous in queue</source>
        <translation>Następna lub poprzednia w kolejce</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="32"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="32"/>
        <source>From the queue: read the selected action&apos;s command</source>
        <translation>W kolejce: przeczytaj polecenie wybranej akcji</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="33"/>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="33"/>
        <source>Move between the filter, the queue, the review pane and its buttons</source>
        <translation>Przechodź między filtrem, kolejką, panelem przeglądu i jego przyciskami</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="34"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="34"/>
        <source>In the deny dialog: send the denial</source>
        <translation>W oknie odrzucenia: wyślij odrzucenie</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="35"/>
        <source>Enter / Esc</source>
        <translation>Enter / Esc</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="35"/>
        <source>In a confirmation: confirm / cancel</source>
        <translation>W potwierdzeniu: potwierdź / anuluj</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="39"/>
        <source>Keys</source>
        <translation>Klawisze</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="39"/>
        <source>Command</source>
        <translation>Polecenie</translation>
    </message>
</context>
<context>
    <name>cs::SigningKeyPanel</name>
    <message>
        <location filename="../ui/SigningKeyPanel.cpp" line="28"/>
        <source>Security key (FIDO2): touch the key to sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SigningKeyPanel.cpp" line="29"/>
        <source>Smartcard, YubiKey PIV or HSM (PKCS#11), with its PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SigningKeyPanel.cpp" line="30"/>
        <source>Software key in the keychain (development only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SigningKeyPanel.cpp" line="40"/>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SigningKeyPanel.cpp" line="41"/>
        <source>Use and enroll…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SigningKeyPanel.cpp" line="65"/>
        <source>No signing key is set up: decisions cannot be signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/SigningKeyPanel.cpp" line="66"/>
        <source>Decisions are signed with %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cs::SigningKeySettings</name>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="80"/>
        <source>The software key could not be read from the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="82"/>
        <location filename="../app/SigningKeySettings.cpp" line="139"/>
        <location filename="../app/SigningKeySettings.cpp" line="141"/>
        <source>the software key in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="89"/>
        <source>The remembered signing key cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="90"/>
        <location filename="../app/SigningKeySettings.cpp" line="125"/>
        <source>your security key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="104"/>
        <source>Connect to the gateway first: the key belongs to the approver it knows you as.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="115"/>
        <source>Decisions are now signed with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="124"/>
        <source>Touch your security key to create the credential…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="136"/>
        <source>No keychain is reachable, so no software key can be kept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="143"/>
        <source>A new software key is in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="168"/>
        <source>%1&apos;s console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="185"/>
        <source>Key %1 is enrolled. It counts once an operator runs &quot;countersign-gateway key approve %1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cs::SigningPrompt</name>
    <message>
        <location filename="../ui/SigningPrompt.cpp" line="18"/>
        <source>Sign the decision</source>
        <translation>Podpisz decyzję</translation>
    </message>
    <message>
        <location filename="../ui/SigningPrompt.cpp" line="24"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../ui/SigningPrompt.cpp" line="26"/>
        <source>Sign</source>
        <translation>Podpisz</translation>
    </message>
    <message>
        <location filename="../ui/SigningPrompt.cpp" line="51"/>
        <source>Enter the PIN of %1 to sign this decision.</source>
        <translation>Wpisz PIN %1, aby podpisać tę decyzję.</translation>
    </message>
    <message>
        <location filename="../ui/SigningPrompt.cpp" line="55"/>
        <source>Touch your security key to sign this decision.</source>
        <translation>Dotknij klucza bezpieczeństwa, aby podpisać tę decyzję.</translation>
    </message>
    <message>
        <location filename="../ui/SigningPrompt.cpp" line="58"/>
        <source>Signing with %1…</source>
        <translation>Podpisywanie za pomocą %1…</translation>
    </message>
</context>
<context>
    <name>cs::TlsTrust</name>
    <message>
        <location filename="../core/client/TlsTrust.cpp" line="40"/>
        <source> (its issuer&apos;s: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/client/TlsTrust.cpp" line="43"/>
        <source>Its SHA-256 fingerprint is %1%2. Compare it with the one the gateway&apos;s operator gave you before pinning it or its CA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/client/TlsTrust.cpp" line="69"/>
        <source>The pinned fingerprint must be a SHA-256: 64 hexadecimal digits, with or without colons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/client/TlsTrust.cpp" line="74"/>
        <source>%1 is not on this machine: use https:// so that tokens, commands and decisions are not sent in clear text (or allow it with --insecure).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/client/TlsTrust.cpp" line="92"/>
        <source>The CA file %1 cannot be read or holds no PEM certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/client/TlsTrust.cpp" line="124"/>
        <source>The gateway&apos;s certificate chain does not hold the pinned fingerprint %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/client/TlsTrust.cpp" line="141"/>
        <source>The gateway&apos;s certificate is not trusted: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cs::TrayIcon</name>
    <message>
        <location filename="../app/TrayIcon.cpp" line="18"/>
        <source>Show Countersign</source>
        <translation>Pokaż Countersign</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="20"/>
        <source>Pause notifications</source>
        <translation>Wstrzymaj powiadomienia</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="21"/>
        <source>For 15 minutes</source>
        <translation>Na 15 minut</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="22"/>
        <source>For 1 hour</source>
        <translation>Na 1 godzinę</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="23"/>
        <source>Until tomorrow, 08:00</source>
        <translation>Do jutra, 08:00</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="28"/>
        <source>Critical requests still notify</source>
        <translation>Krytyczne prośby nadal powiadamiają</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="33"/>
        <source>Resume notifications</source>
        <translation>Wznów powiadomienia</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="36"/>
        <source>Quit</source>
        <translation>Zakończ</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="42"/>
        <source>Countersign: nothing pending</source>
        <translation>Countersign: nic nie czeka</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="63"/>
        <source>Paused until %1</source>
        <translation>Wstrzymane do %1</translation>
    </message>
</context>
<context>
    <name>cs::UrgentAlerts</name>
    <message>
        <location filename="../app/UrgentAlerts.cpp" line="93"/>
        <source>%1 on %2 (%3)</source>
        <translation>%1 na %2 (%3)</translation>
    </message>
    <message>
        <location filename="../app/UrgentAlerts.cpp" line="94"/>
        <source>Still waiting: %1</source>
        <translation>Nadal czeka: %1</translation>
    </message>
    <message>
        <location filename="../app/UrgentAlerts.cpp" line="95"/>
        <source>%1 approval: %2</source>
        <translation>Zatwierdzenie (%1): %2</translation>
    </message>
    <message>
        <location filename="../app/UrgentAlerts.cpp" line="98"/>
        <source>%1 for %2</source>
        <translation>%1 dla %2</translation>
    </message>
    <message>
        <location filename="../app/UrgentAlerts.cpp" line="99"/>
        <source>Requested by %1.</source>
        <translation>Zlecone przez %1.</translation>
    </message>
    <message>
        <location filename="../app/UrgentAlerts.cpp" line="100"/>
        <source>Requested by %1 on %2.</source>
        <translation>Zlecone przez %1 na %2.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/UrgentAlerts.cpp" line="135"/>
        <source>%n actions wait for approval</source>
        <translation>
            <numerusform>%n akcja czeka na zatwierdzenie</numerusform>
            <numerusform>%n akcje czekają na zatwierdzenie</numerusform>
            <numerusform>%n akcji czeka na zatwierdzenie</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/UrgentAlerts.cpp" line="136"/>
        <source>Open Countersign to review them.</source>
        <translation>Otwórz Countersign, aby je przejrzeć.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="40"/>
        <source>Countersign console: review and decide agents&apos; privileged actions, on one or several gateways.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="45"/>
        <source>A gateway to connect to, as URL or NAME=URL (e.g. prod=https://gw.example:8470); repeat for several.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="49"/>
        <source>Use the approver token of a dev gateway&apos;s principals file; the n-th belongs to the n-th --gateway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="53"/>
        <source>Trust only this CA (PEM) for the --gateway certificates (or COUNTERSIGN_CA_FILE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="57"/>
        <source>SHA-256 fingerprint of the --gateway certificate or its CA to pin (or COUNTERSIGN_CA_FINGERPRINT).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="61"/>
        <source>Your signing key: pkcs11:…, fido2:FILE or software:FILE (for this run; File &gt; Signing key… remembers one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="65"/>
        <source>A countersign://action/GATEWAY/ID link to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="137"/>
        <source>Countersign</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
