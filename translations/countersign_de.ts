<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Autostart</name>
    <message>
        <location filename="../app/Autostart.cpp" line="30"/>
        <source>%1 cannot be removed.</source>
        <translation>%1 kann nicht entfernt werden.</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <location filename="../ui/ErrorText.cpp" line="30"/>
        <source>This action was already decided.</source>
        <translation>Über diese Aktion wurde bereits entschieden.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="31"/>
        <source>This action has expired.</source>
        <translation>Diese Aktion ist abgelaufen.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="33"/>
        <source>The action changed since it was shown; the decision was not accepted.</source>
        <translation>Die Aktion hat sich geändert, seit sie angezeigt wurde; die Entscheidung wurde nicht angenommen.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="34"/>
        <source>Your account may not approve or deny actions.</source>
        <translation>Ihr Konto darf Aktionen weder freigeben noch ablehnen.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="36"/>
        <source>You requested this action; someone else must decide it.</source>
        <translation>Sie haben diese Aktion angefordert; jemand anderes muss darüber entscheiden.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="38"/>
        <source>This action was requested on your behalf; someone else must decide it.</source>
        <translation>Diese Aktion wurde in Ihrem Auftrag angefordert; jemand anderes muss darüber entscheiden.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="39"/>
        <source>A denial needs a reason.</source>
        <translation>Eine Ablehnung braucht eine Begründung.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="40"/>
        <source>The gateway does not know this action.</source>
        <translation>Das Gateway kennt diese Aktion nicht.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="41"/>
        <source>The gateway accepts only signed decisions.</source>
        <translation>Das Gateway nimmt nur signierte Entscheidungen an.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="43"/>
        <source>This console speaks another protocol version than the gateway; update it.</source>
        <translation>Diese Konsole spricht eine andere Protokollversion als das Gateway; bitte aktualisieren.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="44"/>
        <source>The decision was signed for another approver.</source>
        <translation>Die Entscheidung wurde für eine andere genehmigende Person signiert.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="46"/>
        <source>Your signing key is not enrolled on this gateway. Enroll it first.</source>
        <translation>Ihr Signaturschlüssel ist bei diesem Gateway nicht registriert. Registrieren Sie ihn zuerst.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="47"/>
        <source>This signing key belongs to another approver.</source>
        <translation>Dieser Signaturschlüssel gehört einer anderen genehmigenden Person.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="49"/>
        <source>Your signing key waits for an operator&apos;s approval; ask them to approve it.</source>
        <translation>Ihr Signaturschlüssel wartet auf die Freigabe durch den Betrieb; bitten Sie um Freigabe.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="50"/>
        <source>Your signing key has been revoked.</source>
        <translation>Ihr Signaturschlüssel wurde widerrufen.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="52"/>
        <source>This gateway accepts only hardware keys; a software key cannot sign here.</source>
        <translation>Dieses Gateway akzeptiert nur Hardware-Schlüssel; ein Software-Schlüssel kann hier nicht signieren.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="54"/>
        <source>The gateway does not accept this signature algorithm.</source>
        <translation>Das Gateway akzeptiert diesen Signaturalgorithmus nicht.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="56"/>
        <source>The signature does not match the enrolled key&apos;s algorithm.</source>
        <translation>Die Signatur passt nicht zum Algorithmus des registrierten Schlüssels.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="57"/>
        <source>The signature could not be read.</source>
        <translation>Die Signatur konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="59"/>
        <source>The signature does not verify; the decision was not accepted.</source>
        <translation>Die Signatur ist ungültig; die Entscheidung wurde nicht angenommen.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="60"/>
        <source>The security key signed for another service.</source>
        <translation>Der Sicherheitsschlüssel hat für einen anderen Dienst signiert.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="62"/>
        <source>The security key signed without being touched.</source>
        <translation>Der Sicherheitsschlüssel hat ohne Berührung signiert.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="64"/>
        <source>This computer&apos;s clock is too far from the gateway&apos;s; correct it and try again.</source>
        <translation>Die Uhr dieses Computers weicht zu stark von der des Gateways ab; bitte stellen Sie sie und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="66"/>
        <source>This signed decision was already used.</source>
        <translation>Diese signierte Entscheidung wurde bereits verwendet.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="67"/>
        <source>This key is already enrolled on the gateway.</source>
        <translation>Dieser Schlüssel ist beim Gateway bereits registriert.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="78"/>
        <source>No security key or smartcard was found. Insert it and try again.</source>
        <translation>Kein Sicherheitsschlüssel und keine Smartcard gefunden. Stecken Sie ihn ein und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="79"/>
        <source>The key needs its PIN.</source>
        <translation>Der Schlüssel benötigt seine PIN.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="80"/>
        <source>The PIN is wrong. Nothing was signed.</source>
        <translation>Die PIN ist falsch. Es wurde nichts signiert.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="82"/>
        <source>The key is locked after too many wrong PINs. Unlock it with its PUK or administrator PIN.</source>
        <translation>Der Schlüssel ist nach zu vielen falschen PINs gesperrt. Entsperren Sie ihn mit PUK oder Administrator-PIN.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="84"/>
        <source>The signing key was not found on the token.</source>
        <translation>Der Signaturschlüssel wurde auf dem Token nicht gefunden.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="85"/>
        <source>Signing was cancelled; nothing was sent.</source>
        <translation>Signieren abgebrochen; es wurde nichts gesendet.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="86"/>
        <source>The security key was not touched in time.</source>
        <translation>Der Sicherheitsschlüssel wurde nicht rechtzeitig berührt.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="88"/>
        <source>The gateway&apos;s digest does not match the action shown; nothing was signed.</source>
        <translation>Der Digest des Gateways passt nicht zur angezeigten Aktion; es wurde nichts signiert.</translation>
    </message>
    <message>
        <location filename="../ui/ErrorText.cpp" line="92"/>
        <source>The key could not sign: %1</source>
        <translation>Der Schlüssel konnte nicht signieren: %1</translation>
    </message>
</context>
<context>
    <name>cs::ActionReviewPane</name>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="65"/>
        <source>Select an action in the queue to review it.</source>
        <translation>Wählen Sie eine Aktion in der Warteschlange aus, um sie zu prüfen.</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="80"/>
        <source>⚠ Production</source>
        <translation>⚠ Produktion</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="82"/>
        <source>This action touches a production environment: approve with care.</source>
        <translation>Diese Aktion betrifft eine Produktionsumgebung: mit Bedacht freigeben.</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="87"/>
        <source>Initiator</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="88"/>
        <source>On behalf of</source>
        <translation>Im Auftrag von</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="89"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="90"/>
        <source>Resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="91"/>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="92"/>
        <source>Requested</source>
        <translation>Angefordert</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="93"/>
        <source>Time left</source>
        <translation>Verbleibende Zeit</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="94"/>
        <source>Approval</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="99"/>
        <location filename="../ui/ActionReviewPane.cpp" line="111"/>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="123"/>
        <source>Reveal</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="124"/>
        <source>Show the masked values on screen</source>
        <translation>Die maskierten Werte auf dem Bildschirm zeigen</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="132"/>
        <source>Justification</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="140"/>
        <location filename="../ui/ActionReviewPane.cpp" line="144"/>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="145"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="145"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="152"/>
        <source>Digest</source>
        <translation>Digest</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="168"/>
        <source>&amp;Deny…</source>
        <translation>&amp;Ablehnen…</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="170"/>
        <source>Deny this action with a reason (D)</source>
        <translation>Diese Aktion mit Begründung ablehnen (D)</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="171"/>
        <source>&amp;Approve…</source>
        <translation>&amp;Freigeben…</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="173"/>
        <source>Approve and sign this action (A)</source>
        <translation>Diese Aktion freigeben und signieren (A)</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="174"/>
        <source>&amp;Withdraw my approval</source>
        <translation>Meine Freigabe &amp;zurückziehen</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="176"/>
        <source>Take back your approval while the action still waits for others</source>
        <translation>Ihre Freigabe zurücknehmen, solange die Aktion noch auf andere wartet</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ActionReviewPane.cpp" line="269"/>
        <source>runs without a shell, as %n argument(s)</source>
        <translation>
            <numerusform>läuft ohne Shell, als %n Argument</numerusform>
            <numerusform>läuft ohne Shell, als %n Argumente</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="270"/>
        <source>runs as one /bin/sh -c string</source>
        <translation>läuft als eine Zeichenkette für /bin/sh -c</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ActionReviewPane.cpp" line="271"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ActionReviewPane.cpp" line="273"/>
        <source>%n hidden or control character(s) shown as ⟦…⟧</source>
        <translation>
            <numerusform>%n verborgenes oder Steuerzeichen als ⟦…⟧ gezeigt</numerusform>
            <numerusform>%n verborgene oder Steuerzeichen als ⟦…⟧ gezeigt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ActionReviewPane.cpp" line="275"/>
        <source>%n value(s) that look like secrets are shown.</source>
        <translation>
            <numerusform>%n Wert, der wie ein Geheimnis aussieht, wird gezeigt.</numerusform>
            <numerusform>%n Werte, die wie Geheimnisse aussehen, werden gezeigt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ActionReviewPane.cpp" line="276"/>
        <source>%n value(s) that look like secrets are masked as •••••••• on screen; the signature covers the original.</source>
        <translation>
            <numerusform>%n Wert, der wie ein Geheimnis aussieht, ist auf dem Bildschirm als •••••••• maskiert; die Signatur deckt das Original ab.</numerusform>
            <numerusform>%n Werte, die wie Geheimnisse aussehen, sind auf dem Bildschirm als •••••••• maskiert; die Signatur deckt das Original ab.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="307"/>
        <source>This action expired: it can no longer be decided.</source>
        <translation>Diese Aktion ist abgelaufen: Über sie kann nicht mehr entschieden werden.</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="388"/>
        <source>%1 (rule %2)</source>
        <translation>%1 (Regel %2)</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="390"/>
        <source>hardware key only</source>
        <translation>nur Hardware-Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="397"/>
        <source>%1 of %2 approved (%3) — waiting for %4</source>
        <translation>%1 von %2 freigegeben (%3) — wartet auf %4</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="400"/>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="403"/>
        <source>You approved this action; it waits for the others.</source>
        <translation>Sie haben diese Aktion freigegeben; sie wartet auf die anderen.</translation>
    </message>
    <message>
        <location filename="../ui/ActionReviewPane.cpp" line="414"/>
        <source>Scroll to the end of the command to enable Approve: it has lines below.</source>
        <translation>Scrollen Sie bis zum Ende des Befehls, um Freigeben zu aktivieren: Es folgen weitere Zeilen.</translation>
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
</context>
<context>
    <name>cs::ApproveConfirmDialog</name>
    <message>
        <location filename="../ui/ApproveConfirmDialog.cpp" line="19"/>
        <source>Approve action</source>
        <translation>Aktion freigeben</translation>
    </message>
    <message>
        <location filename="../ui/ApproveConfirmDialog.cpp" line="31"/>
        <source>Approve &lt;b&gt;%1&lt;/b&gt; on &lt;b&gt;%2 / %3&lt;/b&gt; (%4), urgency %5, requested by %6?</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; auf &lt;b&gt;%2 / %3&lt;/b&gt; (%4) freigeben, Dringlichkeit %5, angefordert von %6?</translation>
    </message>
    <message>
        <location filename="../ui/ApproveConfirmDialog.cpp" line="36"/>
        <source>Your key signs the command exactly as the review pane shows it.</source>
        <translation>Ihr Schlüssel signiert den Befehl genau so, wie ihn die Prüfansicht zeigt.</translation>
    </message>
    <message>
        <location filename="../ui/ApproveConfirmDialog.cpp" line="40"/>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
</context>
<context>
    <name>cs::AuditBrowser</name>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="84"/>
        <source>
    %1 on %2 (%3)
    $ %4
    why: %5</source>
        <translation>
    %1 auf %2 (%3)
    $ %4
    Begründung: %5</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="56"/>
        <source>the signed decision cannot be read: %1</source>
        <translation>die signierte Entscheidung ist nicht lesbar: %1</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="59"/>
        <source>key %1 is not in the mirror; the gateway checked it</source>
        <translation>Schlüssel %1 ist nicht im Spiegel; das Gateway hat ihn geprüft</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="62"/>
        <source>SIGNATURE DOES NOT VERIFY: %1 (%2)</source>
        <translation>SIGNATUR UNGÜLTIG: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="63"/>
        <source>signature verifies under %1&apos;s %2 key %3 (%4, %5)</source>
        <translation>Signatur gültig unter dem %2-Schlüssel %3 von %1 (%4, %5)</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="79"/>
        <source>
    policy: rule %1%2</source>
        <translation>
    Richtlinie: Regel %1%2</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="90"/>
        <source>
    %1, reason: %2
    %3</source>
        <translation>
    %1, Begründung: %2
    %3</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="96"/>
        <source>
    ran: %1%2%3</source>
        <translation>
    ausgeführt: %1%2%3</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="98"/>
        <source>, exit code %1</source>
        <translation>, Exit-Code %1</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="103"/>
        <source>
    refused: %1 (%2)</source>
        <translation>
    abgelehnt: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="114"/>
        <source>Search command and justification</source>
        <translation>Befehl und Begründung durchsuchen</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="115"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="116"/>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="117"/>
        <source>Initiator</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="118"/>
        <source>Approver</source>
        <translation>Genehmigende Person</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="118"/>
        <source>Between</source>
        <translation>Zwischen</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="124"/>
        <source>Countersign — audit log</source>
        <translation>Countersign — Prüfprotokoll</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="131"/>
        <source>Any event</source>
        <translation>Jedes Ereignis</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="140"/>
        <source>Any verdict</source>
        <translation>Jede Entscheidung</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="141"/>
        <source>Approved</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="142"/>
        <source>Denied</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="168"/>
        <source>Select an event to see its action&apos;s whole story.</source>
        <translation>Wählen Sie ein Ereignis, um den ganzen Verlauf seiner Aktion zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="184"/>
        <source>Export CSV…</source>
        <translation>Als CSV exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="185"/>
        <source>Export JSON Lines…</source>
        <translation>Als JSON Lines exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="186"/>
        <source>Evidence bundle…</source>
        <translation>Beweispaket…</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="187"/>
        <source>Verify local copy</source>
        <translation>Lokale Kopie prüfen</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="189"/>
        <source>Check every stored event against its hash and the one before it, to find a change made to this computer&apos;s copy of the log.</source>
        <translation>Prüft jedes gespeicherte Ereignis gegen seinen Hash und den des vorigen, um eine Änderung an der Kopie des Protokolls auf diesem Computer zu finden.</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="194"/>
        <source>The matching events with what an auditor needs to check them offline: the chain between them, the gateway&apos;s signed checkpoints and the signers&apos; keys.</source>
        <translation>Die passenden Ereignisse mit allem, was ein Prüfer braucht, um sie offline zu prüfen: die Kette zwischen ihnen, die signierten Checkpoints des Gateways und die Schlüssel der Unterzeichner.</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="259"/>
        <source>The audit log does not verify at seq %1: %2 (%3). Events from there on were not accepted; tell your security team.</source>
        <translation>Das Prüfprotokoll ist bei Seq %1 nicht gültig: %2 (%3). Ereignisse ab dort wurden nicht übernommen; informieren Sie Ihr Sicherheitsteam.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/AuditBrowser.cpp" line="267"/>
        <source>%n event(s) mirrored, verified up to seq %1</source>
        <translation>
            <numerusform>%n Ereignis gespiegelt, geprüft bis Seq %1</numerusform>
            <numerusform>%n Ereignisse gespiegelt, geprüft bis Seq %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="285"/>
        <source>Export the matching events</source>
        <translation>Passende Ereignisse exportieren</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="286"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="286"/>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="307"/>
        <source>The local copy cannot be read: %1</source>
        <translation>Die lokale Kopie kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="309"/>
        <source>The local copy was changed on this computer at seq %1: %2 (%3). Delete it and sync again from the gateway, and tell your security team.</source>
        <translation>Die lokale Kopie wurde auf diesem Computer bei Seq %1 verändert: %2 (%3). Löschen Sie sie, synchronisieren Sie neu vom Gateway und informieren Sie Ihr Sicherheitsteam.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/AuditBrowser.cpp" line="316"/>
        <source>The local copy verifies: %n event(s) chain correctly up to seq %1.</source>
        <translation>
            <numerusform>Die lokale Kopie ist gültig: %n Ereignis ist bis Seq %1 korrekt verkettet.</numerusform>
            <numerusform>Die lokale Kopie ist gültig: %n Ereignisse sind bis Seq %1 korrekt verkettet.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="323"/>
        <source>Verifying the local copy…</source>
        <translation>Lokale Kopie wird geprüft…</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="334"/>
        <source>Write the evidence bundle to a new folder</source>
        <translation>Beweispaket in einen neuen Ordner schreiben</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="388"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="358"/>
        <source>Exporting the audit log…</source>
        <translation>Prüfprotokoll wird exportiert…</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="358"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="381"/>
        <source>Export cancelled.</source>
        <translation>Export abgebrochen.</translation>
    </message>
    <message>
        <location filename="../ui/AuditBrowser.cpp" line="384"/>
        <source>Event %1 in the local copy cannot be read; the export stopped.</source>
        <translation>Ereignis %1 der lokalen Kopie kann nicht gelesen werden; der Export wurde abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/AuditBrowser.cpp" line="379"/>
        <source>Exported %n event(s) to %1.</source>
        <translation>
            <numerusform>%n Ereignis nach %1 exportiert.</numerusform>
            <numerusform>%n Ereignisse nach %1 exportiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cs::AuditController</name>
    <message>
        <location filename="../app/AuditController.cpp" line="57"/>
        <source>up to date</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <location filename="../app/AuditController.cpp" line="67"/>
        <location filename="../app/AuditController.cpp" line="92"/>
        <source>offline: %1</source>
        <translation>offline: %1</translation>
    </message>
</context>
<context>
    <name>cs::AuditMirrorWriter</name>
    <message>
        <location filename="../core/audit/AuditMirrorWriter.cpp" line="37"/>
        <source>The gateway sent an empty audit page.</source>
        <translation>Das Gateway hat eine leere Audit-Seite geschickt.</translation>
    </message>
</context>
<context>
    <name>cs::AuditSync</name>
    <message>
        <location filename="../core/audit/AuditSync.cpp" line="67"/>
        <source>The gateway does not publish an audit key.</source>
        <translation>Das Gateway veröffentlicht keinen Audit-Schlüssel.</translation>
    </message>
</context>
<context>
    <name>cs::AuditTableModel</name>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="98"/>
        <source>Seq</source>
        <translation>Seq</translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="100"/>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="102"/>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="104"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="106"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="108"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="110"/>
        <source>Verdict</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <location filename="../ui/AuditTableModel.cpp" line="112"/>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
</context>
<context>
    <name>cs::BundleExport</name>
    <message>
        <location filename="../ui/BundleExport.cpp" line="15"/>
        <source>Writing the evidence bundle…</source>
        <translation>Beweispaket wird geschrieben…</translation>
    </message>
    <message>
        <location filename="../ui/BundleExport.cpp" line="15"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/BundleExport.cpp" line="32"/>
        <source>%1 is not empty; choose a new folder for the bundle.</source>
        <translation>%1 ist nicht leer; wählen Sie einen neuen Ordner für das Paket.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BundleExport.cpp" line="68"/>
        <source>Wrote an evidence bundle of %n matching event(s) to %1 (seq %2 to %3, %4 events with their chain); check it with countersign-cli audit verify.</source>
        <translation>
            <numerusform>Beweispaket mit %n passenden Ereignis nach %1 geschrieben (Seq %2 bis %3, %4 Ereignisse mit ihrer Kette); prüfen Sie es mit countersign-cli audit verify.</numerusform>
            <numerusform>Beweispaket mit %n passenden Ereignissen nach %1 geschrieben (Seq %2 bis %3, %4 Ereignisse mit ihrer Kette); prüfen Sie es mit countersign-cli audit verify.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/BundleExport.cpp" line="76"/>
        <source>%n later event(s) are not covered by a gateway checkpoint yet and were left out.</source>
        <translation>
            <numerusform>%n späteres Ereignis ist noch von keinem Checkpoint des Gateways abgedeckt und wurde weggelassen.</numerusform>
            <numerusform>%n spätere Ereignisse sind noch von keinem Checkpoint des Gateways abgedeckt und wurden weggelassen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/BundleExport.cpp" line="81"/>
        <source>Bundle export cancelled.</source>
        <translation>Export des Pakets abgebrochen.</translation>
    </message>
    <message>
        <location filename="../ui/BundleExport.cpp" line="83"/>
        <source>No event matches the filter: there is nothing to bundle.</source>
        <translation>Kein Ereignis passt zum Filter: Es gibt nichts zu verpacken.</translation>
    </message>
    <message>
        <location filename="../ui/BundleExport.cpp" line="85"/>
        <source>No gateway checkpoint covers the matching events yet; sync and try again in a minute.</source>
        <translation>Noch deckt kein Checkpoint des Gateways die passenden Ereignisse ab; synchronisieren Sie und versuchen Sie es in einer Minute erneut.</translation>
    </message>
    <message>
        <location filename="../ui/BundleExport.cpp" line="89"/>
        <source>The bundle could not be written: %1</source>
        <translation>Das Paket konnte nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>cs::ConnectDialog</name>
    <message>
        <location filename="../ui/ConnectDialog.cpp" line="17"/>
        <source>Remember the token in the system keychain</source>
        <translation>Token im Schlüsselbund des Systems speichern</translation>
    </message>
    <message>
        <location filename="../ui/ConnectDialog.cpp" line="19"/>
        <source>Connect to a Countersign gateway</source>
        <translation>Mit einem Countersign-Gateway verbinden</translation>
    </message>
    <message>
        <location filename="../ui/ConnectDialog.cpp" line="30"/>
        <source>Gateway URL</source>
        <translation>Gateway-URL</translation>
    </message>
    <message>
        <location filename="../ui/ConnectDialog.cpp" line="31"/>
        <source>Approver token</source>
        <translation>Token der freigebenden Person</translation>
    </message>
    <message>
        <location filename="../ui/ConnectDialog.cpp" line="36"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../ui/ConnectDialog.cpp" line="42"/>
        <source>Give the gateway&apos;s URL and your token.</source>
        <translation>Geben Sie die URL des Gateways und Ihr Token an.</translation>
    </message>
    <message>
        <location filename="../ui/ConnectDialog.cpp" line="70"/>
        <source>No keychain is reachable: the token will be asked at every start</source>
        <translation>Kein Schlüsselbund erreichbar: Das Token wird bei jedem Start abgefragt</translation>
    </message>
</context>
<context>
    <name>cs::ConsoleController</name>
    <message>
        <location filename="../app/ConsoleController.cpp" line="31"/>
        <source>Approved by %1.</source>
        <translation>Freigegeben von %1.</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="33"/>
        <source>Denied by %1: %2</source>
        <translation>Abgelehnt von %1: %2</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="35"/>
        <source>Expired without a decision.</source>
        <translation>Ohne Entscheidung abgelaufen.</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="36"/>
        <source>Cancelled by its initiator.</source>
        <translation>Vom Auslöser zurückgezogen.</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="101"/>
        <source>Countersign keeps running</source>
        <translation>Countersign läuft weiter</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="102"/>
        <source>Urgent requests still reach you here. Quit from this icon&apos;s menu.</source>
        <translation>Dringende Anfragen erreichen Sie weiterhin hier. Beenden über das Menü dieses Symbols.</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="237"/>
        <source>Untrusted certificate</source>
        <translation>Nicht vertrauenswürdiges Zertifikat</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="238"/>
        <source>%1 (%2) was not connected.</source>
        <translation>%1 (%2) wurde nicht verbunden.</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="242"/>
        <source>Give the gateway&apos;s CA file or fingerprint in Settings &gt; Gateways, or start the console with --ca-file.</source>
        <translation>Geben Sie die CA-Datei oder den Fingerabdruck des Gateways unter Einstellungen &gt; Gateways an, oder starten Sie die Konsole mit --ca-file.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleController.cpp" line="355"/>
        <location filename="../app/ConsoleController.cpp" line="356"/>
        <location filename="../app/ConsoleController.cpp" line="361"/>
        <source>%n pending</source>
        <translation>
            <numerusform>%n offen</numerusform>
            <numerusform>%n offen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleController.cpp" line="355"/>
        <source>%n urgent</source>
        <translation>
            <numerusform>%n dringend</numerusform>
            <numerusform>%n dringend</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="361"/>
        <source>Nothing pending</source>
        <translation>Nichts offen</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleController.cpp" line="363"/>
        <source>⚠ %n urgent</source>
        <translation>
            <numerusform>⚠ %n dringend</numerusform>
            <numerusform>⚠ %n dringend</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ConsoleController.cpp" line="371"/>
        <source>Countersign: %n pending</source>
        <translation>
            <numerusform>Countersign: %n offen</numerusform>
            <numerusform>Countersign: %n offen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="371"/>
        <source>Countersign: nothing pending</source>
        <translation>Countersign: nichts offen</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="373"/>
        <source>Most urgent: %1 %2 on %3 (%4)</source>
        <translation>Am dringendsten: %1 %2 auf %3 (%4)</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="377"/>
        <source>Notifications paused; critical requests still notify.</source>
        <translation>Benachrichtigungen pausiert; kritische Anfragen melden sich trotzdem.</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="344"/>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="345"/>
        <source>Signed in as %1 (read only: not an approver)</source>
        <translation>Angemeldet als %1 (nur lesend: keine Freigabeberechtigung)</translation>
    </message>
    <message>
        <location filename="../app/ConsoleController.cpp" line="215"/>
        <source>This action is no longer pending.</source>
        <translation>Diese Aktion wartet nicht mehr auf eine Entscheidung.</translation>
    </message>
</context>
<context>
    <name>cs::DBusNotifier</name>
    <message>
        <location filename="../app/notify/DBusNotifier.cpp" line="69"/>
        <source>Review</source>
        <translation>Prüfen</translation>
    </message>
</context>
<context>
    <name>cs::DecisionSigner</name>
    <message>
        <location filename="../app/DecisionSigner.cpp" line="39"/>
        <source>No signing key is set up for this console. Start it with --key pkcs11:…, fido2:FILE or software:FILE, or with --dev-principals against a dev gateway.</source>
        <translation>Für diese Konsole ist kein Signaturschlüssel eingerichtet. Starten Sie sie mit --key pkcs11:…, fido2:DATEI oder software:DATEI, oder mit --dev-principals gegen ein Entwicklungs-Gateway.</translation>
    </message>
</context>
<context>
    <name>cs::DenyReasonDialog</name>
    <message>
        <location filename="../ui/DenyReasonDialog.cpp" line="15"/>
        <source>Deny action</source>
        <translation>Aktion ablehnen</translation>
    </message>
    <message>
        <location filename="../ui/DenyReasonDialog.cpp" line="19"/>
        <source>Why do you deny %1? The agent and the audit log will see this reason.</source>
        <translation>Warum lehnen Sie %1 ab? Der Agent und das Audit-Protokoll sehen diese Begründung.</translation>
    </message>
    <message>
        <location filename="../ui/DenyReasonDialog.cpp" line="26"/>
        <source>Deny</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../ui/DenyReasonDialog.cpp" line="43"/>
        <source>Send the denial (Ctrl+Enter)</source>
        <translation>Ablehnung senden (Strg+Eingabe)</translation>
    </message>
</context>
<context>
    <name>cs::GatewaySession</name>
    <message>
        <location filename="../app/GatewaySession.cpp" line="37"/>
        <source>Reconnecting to %1 (attempt %2, next in %3 s)…</source>
        <translation>Neue Verbindung zu %1 (Versuch %2, nächster in %3 s)…</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="179"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="58"/>
        <source>%1 reported: %2</source>
        <translation>%1 meldet: %2</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="54"/>
        <source>%1: its certificate is not trusted</source>
        <translation>%1: seinem Zertifikat wird nicht vertraut</translation>
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
        <translation>Mit welchem Gateway soll sich diese Konsole verbinden?</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="105"/>
        <source>the dev software key</source>
        <translation>dem Entwicklungs-Software-Schlüssel</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="113"/>
        <source>The signing key cannot be used: %1</source>
        <translation>Der Signaturschlüssel kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="121"/>
        <source>Reading the token for %1 from the keychain…</source>
        <translation>Lese das Token für %1 aus dem Schlüsselbund…</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="129"/>
        <source>No keychain is reachable (%1). Enter your token; it will be asked again at the next start.</source>
        <translation>Kein Schlüsselbund erreichbar (%1). Geben Sie Ihr Token ein; beim nächsten Start wird erneut danach gefragt.</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="133"/>
        <source>Enter your approver token for %1.</source>
        <translation>Geben Sie Ihr Freigabe-Token für %1 ein.</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="145"/>
        <source>No keychain is reachable.</source>
        <translation>Kein Schlüsselbund erreichbar.</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="157"/>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="166"/>
        <source>Keychain unavailable: the token will be asked at the next start.</source>
        <translation>Schlüsselbund nicht verfügbar: Das Token wird beim nächsten Start erfragt.</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="210"/>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="212"/>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="215"/>
        <source>Reconnecting to %1 (attempt %2)…</source>
        <translation>Neue Verbindung zu %1 (Versuch %2)…</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="261"/>
        <source>Not connected to the gateway; the decision was not sent.</source>
        <translation>Nicht mit dem Gateway verbunden; die Entscheidung wurde nicht gesendet.</translation>
    </message>
    <message>
        <location filename="../app/GatewaySession.cpp" line="281"/>
        <source>The gateway %1 refused the token: %2</source>
        <translation>Das Gateway %1 hat das Token abgelehnt: %2</translation>
    </message>
</context>
<context>
    <name>cs::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="106"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="109"/>
        <source>&amp;Signing key…</source>
        <translation>&amp;Signaturschlüssel…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="107"/>
        <source>&amp;Audit log…</source>
        <translation>&amp;Prüfprotokoll…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="34"/>
        <source>Filter by kind, initiator, target or command (/)</source>
        <translation>Nach Art, Auslöser, Ziel oder Befehl filtern (/)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="35"/>
        <source>Filter the queue</source>
        <translation>Warteschlange filtern</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="43"/>
        <source>Pending actions</source>
        <translation>Offene Aktionen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="110"/>
        <source>S&amp;ettings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="113"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="115"/>
        <source>&amp;Action</source>
        <translation>A&amp;ktion</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="116"/>
        <source>&amp;Next in queue</source>
        <translation>&amp;Nächste in der Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="121"/>
        <source>&amp;Previous in queue</source>
        <translation>&amp;Vorige in der Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="126"/>
        <source>&amp;Review the command</source>
        <translation>Befehl &amp;prüfen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="128"/>
        <source>&amp;Approve…</source>
        <translation>&amp;Freigeben…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="130"/>
        <source>&amp;Deny…</source>
        <translation>&amp;Ablehnen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="132"/>
        <source>&amp;Filter the queue</source>
        <translation>Warteschlange &amp;filtern</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="135"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="136"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>cs::PendingQueueModel</name>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="48"/>
        <source>expired</source>
        <translation>abgelaufen</translation>
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
        <translation>Niedrig</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="62"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="64"/>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="66"/>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="132"/>
        <source>%1 (offline)</source>
        <translation>%1 (offline)</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="137"/>
        <source>%1 for %2</source>
        <translation>%1 für %2</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="143"/>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="155"/>
        <source>Urgency</source>
        <translation>Dringlichkeit</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="157"/>
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="159"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="161"/>
        <source>Initiator</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="163"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="165"/>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <location filename="../ui/PendingQueueModel.cpp" line="167"/>
        <source>Time left</source>
        <translation>Verbleibende Zeit</translation>
    </message>
</context>
<context>
    <name>cs::SettingsController</name>
    <message>
        <location filename="../app/SettingsController.cpp" line="61"/>
        <source>Start at login could not be changed: %1</source>
        <translation>Start bei der Anmeldung konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="114"/>
        <source>A gateway named %1 is already connected.</source>
        <translation>Ein Gateway namens %1 ist bereits verbunden.</translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="119"/>
        <source>Added %1; its token is kept in the system keychain.</source>
        <translation>%1 hinzugefügt; sein Token liegt im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="120"/>
        <source>Added %1, but the keychain cannot keep its token (%2): it will be asked at the next start.</source>
        <translation>%1 hinzugefügt, aber der Schlüsselbund kann sein Token nicht aufbewahren (%2): Es wird beim nächsten Start erfragt.</translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="139"/>
        <source>Removed %1 and its token.</source>
        <translation>%1 und sein Token entfernt.</translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="154"/>
        <source>%1 does not answer: %2</source>
        <translation>%1 antwortet nicht: %2</translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="158"/>
        <source>%1 answers, but refused: %2</source>
        <translation>%1 antwortet, lehnt aber ab: %2</translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="160"/>
        <source>%1 answers.</source>
        <translation>%1 antwortet.</translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="165"/>
        <source>%1 answers, but not as a Countersign gateway: %2</source>
        <translation>%1 antwortet, aber nicht als Countersign-Gateway: %2</translation>
    </message>
    <message>
        <location filename="../app/SettingsController.cpp" line="167"/>
        <source>%1 answers and knows you as %2 (%3).</source>
        <translation>%1 antwortet und kennt Sie als %2 (%3).</translation>
    </message>
</context>
<context>
    <name>cs::SettingsDialog</name>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="26"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="30"/>
        <source>&amp;Gateways</source>
        <translation>&amp;Gateways</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="31"/>
        <source>Signing &amp;keys</source>
        <translation>Signatur&amp;schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="32"/>
        <source>&amp;Notifications</source>
        <translation>&amp;Benachrichtigungen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="33"/>
        <source>G&amp;eneral</source>
        <translation>&amp;Allgemein</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="57"/>
        <source>Gateways</source>
        <translation>Gateways</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="68"/>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="68"/>
        <source>Ask the selected gateway whether it answers</source>
        <translation>Das gewählte Gateway fragen, ob es antwortet</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="69"/>
        <source>Signing ke&amp;y…</source>
        <translation>Signatursch&amp;lüssel…</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="70"/>
        <source>Pick the key that signs your decisions on the selected gateway</source>
        <translation>Den Schlüssel wählen, der Ihre Entscheidungen auf dem gewählten Gateway signiert</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="72"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="72"/>
        <source>Stop connecting to the selected gateway</source>
        <translation>Keine Verbindung mehr zum gewählten Gateway</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="82"/>
        <source>Add a gateway</source>
        <translation>Gateway hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="86"/>
        <source>prod</source>
        <translation>prod</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="93"/>
        <source>your approver token; kept in the system keychain</source>
        <translation>Ihr Freigabe-Token; liegt im Schlüsselbund des Systems</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="94"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="95"/>
        <source>&amp;URL</source>
        <translation>&amp;URL</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="96"/>
        <source>T&amp;oken</source>
        <translation>T&amp;oken</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="100"/>
        <source>optional: the gateway&apos;s CA certificate (PEM), instead of the system&apos;s CAs</source>
        <translation>optional: das CA-Zertifikat des Gateways (PEM), statt der CAs des Systems</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="103"/>
        <source>optional: SHA-256 fingerprint of its certificate or CA</source>
        <translation>optional: SHA-256-Fingerabdruck seines Zertifikats oder seiner CA</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="104"/>
        <source>&amp;CA file</source>
        <translation>&amp;CA-Datei</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="105"/>
        <source>&amp;Fingerprint</source>
        <translation>&amp;Fingerabdruck</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="107"/>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="109"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="122"/>
        <source>Enter the gateway&apos;s URL, e.g. https://countersign.example.com:8470.</source>
        <translation>Geben Sie die URL des Gateways ein, z. B. https://countersign.example.com:8470.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="124"/>
        <source>Enter your approver token for this gateway.</source>
        <translation>Geben Sie Ihr Freigabe-Token für dieses Gateway ein.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="144"/>
        <source>Gate&amp;way</source>
        <translation>Gate&amp;way</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="159"/>
        <source>Critical only</source>
        <translation>Nur kritische</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="160"/>
        <source>High and critical</source>
        <translation>Hohe und kritische</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="161"/>
        <source>Every action</source>
        <translation>Jede Aktion</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="162"/>
        <source>&amp;Notify for</source>
        <translation>&amp;Benachrichtigen bei</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="163"/>
        <source>Show &amp;commands in notifications</source>
        <translation>&amp;Befehle in Benachrichtigungen zeigen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="165"/>
        <source>Off by default: notifications can appear on a locked screen.</source>
        <translation>Standardmäßig aus: Benachrichtigungen können auf einem gesperrten Bildschirm erscheinen.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="170"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="171"/>
        <source>&amp;Remind of an unopened urgent request after</source>
        <translation>An eine ungeöffnete dringende Anfrage &amp;erinnern nach</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="172"/>
        <source>Play a &amp;sound for critical requests</source>
        <translation>Bei kritischen Anfragen einen &amp;Ton abspielen</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="175"/>
        <source>Pausing notifications from the tray icon never holds back critical requests.</source>
        <translation>Das Pausieren über das Symbol in der Kontrollleiste hält kritische Anfragen nie zurück.</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="187"/>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="191"/>
        <source>&amp;Language (after a restart)</source>
        <translation>&amp;Sprache (nach einem Neustart)</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="192"/>
        <source>Start Countersign when I &amp;log in</source>
        <translation>Countersign bei der &amp;Anmeldung starten</translation>
    </message>
    <message>
        <location filename="../ui/SettingsDialog.cpp" line="204"/>
        <source>%1 — %2
%3</source>
        <translation>%1 — %2
%3</translation>
    </message>
</context>
<context>
    <name>cs::ShortcutsDialog</name>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="16"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="28"/>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="31"/>
        <source>↓ / ↑</source>
        <translation>↓ / ↑</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="31"/>
        <source>Next or previous in queue</source>
        <translation>Nächste oder vorige in der Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="32"/>
        <source>Enter</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="32"/>
        <source>From the queue: read the selected action&apos;s command</source>
        <translation>In der Warteschlange: den Befehl der gewählten Aktion lesen</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="33"/>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Umschalt+Tab</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="33"/>
        <source>Move between the filter, the queue, the review pane and its buttons</source>
        <translation>Zwischen Filter, Warteschlange, Prüfansicht und ihren Schaltflächen wechseln</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="34"/>
        <source>Ctrl+Enter</source>
        <translation>Strg+Eingabe</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="34"/>
        <source>In the deny dialog: send the denial</source>
        <translation>Im Ablehnungsdialog: die Ablehnung senden</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="35"/>
        <source>Enter / Esc</source>
        <translation>Eingabe / Esc</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="35"/>
        <source>In a confirmation: confirm / cancel</source>
        <translation>In einer Bestätigung: bestätigen / abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="39"/>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="39"/>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
</context>
<context>
    <name>cs::SigningKeyPanel</name>
    <message>
        <location filename="../ui/SigningKeyPanel.cpp" line="28"/>
        <source>Security key (FIDO2): touch the key to sign</source>
        <translation>Sicherheitsschlüssel (FIDO2): zum Signieren berühren</translation>
    </message>
    <message>
        <location filename="../ui/SigningKeyPanel.cpp" line="29"/>
        <source>Smartcard, YubiKey PIV or HSM (PKCS#11), with its PIN</source>
        <translation>Smartcard, YubiKey PIV oder HSM (PKCS#11), mit PIN</translation>
    </message>
    <message>
        <location filename="../ui/SigningKeyPanel.cpp" line="30"/>
        <source>Software key in the keychain (development only)</source>
        <translation>Software-Schlüssel im Schlüsselbund (nur für Entwicklung)</translation>
    </message>
    <message>
        <location filename="../ui/SigningKeyPanel.cpp" line="40"/>
        <source>Use</source>
        <translation>Verwenden</translation>
    </message>
    <message>
        <location filename="../ui/SigningKeyPanel.cpp" line="41"/>
        <source>Use and enroll…</source>
        <translation>Verwenden und registrieren…</translation>
    </message>
    <message>
        <location filename="../ui/SigningKeyPanel.cpp" line="65"/>
        <source>No signing key is set up: decisions cannot be signed.</source>
        <translation>Kein Signaturschlüssel eingerichtet: Entscheidungen können nicht signiert werden.</translation>
    </message>
    <message>
        <location filename="../ui/SigningKeyPanel.cpp" line="66"/>
        <source>Decisions are signed with %1.</source>
        <translation>Entscheidungen werden mit %1 signiert.</translation>
    </message>
</context>
<context>
    <name>cs::SigningKeySettings</name>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="80"/>
        <source>The software key could not be read from the keychain: %1</source>
        <translation>Der Software-Schlüssel konnte nicht aus dem Schlüsselbund gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="82"/>
        <location filename="../app/SigningKeySettings.cpp" line="139"/>
        <location filename="../app/SigningKeySettings.cpp" line="141"/>
        <source>the software key in the keychain</source>
        <translation>dem Software-Schlüssel im Schlüsselbund</translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="89"/>
        <source>The remembered signing key cannot be used: %1</source>
        <translation>Der gespeicherte Signaturschlüssel kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="90"/>
        <location filename="../app/SigningKeySettings.cpp" line="125"/>
        <source>your security key</source>
        <translation>Ihrem Sicherheitsschlüssel</translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="104"/>
        <source>Connect to the gateway first: the key belongs to the approver it knows you as.</source>
        <translation>Verbinden Sie sich zuerst mit dem Gateway: Der Schlüssel gehört zu der genehmigenden Person, als die es Sie kennt.</translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="115"/>
        <source>Decisions are now signed with %1.</source>
        <translation>Entscheidungen werden jetzt mit %1 signiert.</translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="124"/>
        <source>Touch your security key to create the credential…</source>
        <translation>Berühren Sie Ihren Sicherheitsschlüssel, um die Anmeldedaten zu erzeugen…</translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="136"/>
        <source>No keychain is reachable, so no software key can be kept: %1</source>
        <translation>Kein Schlüsselbund erreichbar, daher kann kein Software-Schlüssel gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="143"/>
        <source>A new software key is in the keychain.</source>
        <translation>Ein neuer Software-Schlüssel liegt im Schlüsselbund.</translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="168"/>
        <source>%1&apos;s console</source>
        <translation>Konsole von %1</translation>
    </message>
    <message>
        <location filename="../app/SigningKeySettings.cpp" line="185"/>
        <source>Key %1 is enrolled. It counts once an operator runs &quot;countersign-gateway key approve %1&quot;.</source>
        <translation>Schlüssel %1 ist registriert. Er gilt, sobald der Betrieb &quot;countersign-gateway key approve %1&quot; ausführt.</translation>
    </message>
</context>
<context>
    <name>cs::SigningPrompt</name>
    <message>
        <location filename="../ui/SigningPrompt.cpp" line="18"/>
        <source>Sign the decision</source>
        <translation>Entscheidung signieren</translation>
    </message>
    <message>
        <location filename="../ui/SigningPrompt.cpp" line="24"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../ui/SigningPrompt.cpp" line="26"/>
        <source>Sign</source>
        <translation>Signieren</translation>
    </message>
    <message>
        <location filename="../ui/SigningPrompt.cpp" line="51"/>
        <source>Enter the PIN of %1 to sign this decision.</source>
        <translation>Geben Sie die PIN von %1 ein, um diese Entscheidung zu signieren.</translation>
    </message>
    <message>
        <location filename="../ui/SigningPrompt.cpp" line="55"/>
        <source>Touch your security key to sign this decision.</source>
        <translation>Berühren Sie Ihren Sicherheitsschlüssel, um diese Entscheidung zu signieren.</translation>
    </message>
    <message>
        <location filename="../ui/SigningPrompt.cpp" line="58"/>
        <source>Signing with %1…</source>
        <translation>Signiere mit %1…</translation>
    </message>
</context>
<context>
    <name>cs::TlsTrust</name>
    <message>
        <location filename="../core/client/TlsTrust.cpp" line="69"/>
        <source>The pinned fingerprint must be a SHA-256: 64 hexadecimal digits, with or without colons.</source>
        <translation>Der festgelegte Fingerabdruck muss ein SHA-256 sein: 64 Hexadezimalziffern, mit oder ohne Doppelpunkte.</translation>
    </message>
    <message>
        <location filename="../core/client/TlsTrust.cpp" line="74"/>
        <source>%1 is not on this machine: use https:// so that tokens, commands and decisions are not sent in clear text (or allow it with --insecure).</source>
        <translation>%1 ist nicht dieser Rechner: Verwenden Sie https://, damit Tokens, Befehle und Entscheidungen nicht im Klartext übertragen werden (oder erlauben Sie es mit --insecure).</translation>
    </message>
    <message>
        <location filename="../core/client/TlsTrust.cpp" line="92"/>
        <source>The CA file %1 cannot be read or holds no PEM certificate.</source>
        <translation>Die CA-Datei %1 kann nicht gelesen werden oder enthält kein PEM-Zertifikat.</translation>
    </message>
    <message>
        <location filename="../core/client/TlsTrust.cpp" line="124"/>
        <source>The gateway&apos;s certificate chain does not hold the pinned fingerprint %1.</source>
        <translation>Die Zertifikatskette des Gateways enthält den festgelegten Fingerabdruck %1 nicht.</translation>
    </message>
    <message>
        <location filename="../core/client/TlsTrust.cpp" line="141"/>
        <source>The gateway&apos;s certificate is not trusted: %1.</source>
        <translation>Dem Zertifikat des Gateways wird nicht vertraut: %1.</translation>
    </message>
    <message>
        <location filename="../core/client/TlsTrust.cpp" line="43"/>
        <source>Its SHA-256 fingerprint is %1%2. Compare it with the one the gateway&apos;s operator gave you before pinning it or its CA.</source>
        <translation>Sein SHA-256-Fingerabdruck ist %1%2. Vergleichen Sie ihn mit dem, den Ihnen der Betrieb des Gateways gegeben hat, bevor Sie ihn oder seine CA festlegen.</translation>
    </message>
    <message>
        <location filename="../core/client/TlsTrust.cpp" line="40"/>
        <source> (its issuer&apos;s: %1)</source>
        <translation> (der seines Ausstellers: %1)</translation>
    </message>
</context>
<context>
    <name>cs::TrayIcon</name>
    <message>
        <location filename="../app/TrayIcon.cpp" line="18"/>
        <source>Show Countersign</source>
        <translation>Countersign zeigen</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="20"/>
        <source>Pause notifications</source>
        <translation>Benachrichtigungen pausieren</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="21"/>
        <source>For 15 minutes</source>
        <translation>Für 15 Minuten</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="22"/>
        <source>For 1 hour</source>
        <translation>Für 1 Stunde</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="23"/>
        <source>Until tomorrow, 08:00</source>
        <translation>Bis morgen, 08:00</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="28"/>
        <source>Critical requests still notify</source>
        <translation>Kritische Anfragen melden sich trotzdem</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="33"/>
        <source>Resume notifications</source>
        <translation>Benachrichtigungen fortsetzen</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="36"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="42"/>
        <source>Countersign: nothing pending</source>
        <translation>Countersign: nichts offen</translation>
    </message>
    <message>
        <location filename="../app/TrayIcon.cpp" line="63"/>
        <source>Paused until %1</source>
        <translation>Pausiert bis %1</translation>
    </message>
</context>
<context>
    <name>cs::UrgentAlerts</name>
    <message>
        <location filename="../app/UrgentAlerts.cpp" line="93"/>
        <source>%1 on %2 (%3)</source>
        <translation>%1 auf %2 (%3)</translation>
    </message>
    <message>
        <location filename="../app/UrgentAlerts.cpp" line="94"/>
        <source>Still waiting: %1</source>
        <translation>Wartet noch: %1</translation>
    </message>
    <message>
        <location filename="../app/UrgentAlerts.cpp" line="95"/>
        <source>%1 approval: %2</source>
        <translation>Freigabe (%1): %2</translation>
    </message>
    <message>
        <location filename="../app/UrgentAlerts.cpp" line="98"/>
        <source>%1 for %2</source>
        <translation>%1 für %2</translation>
    </message>
    <message>
        <location filename="../app/UrgentAlerts.cpp" line="99"/>
        <source>Requested by %1.</source>
        <translation>Angefordert von %1.</translation>
    </message>
    <message>
        <location filename="../app/UrgentAlerts.cpp" line="100"/>
        <source>Requested by %1 on %2.</source>
        <translation>Angefordert von %1 auf %2.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/UrgentAlerts.cpp" line="135"/>
        <source>%n actions wait for approval</source>
        <translation>
            <numerusform>%n Aktion wartet auf Freigabe</numerusform>
            <numerusform>%n Aktionen warten auf Freigabe</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/UrgentAlerts.cpp" line="136"/>
        <source>Open Countersign to review them.</source>
        <translation>Öffnen Sie Countersign, um sie zu prüfen.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="40"/>
        <source>Countersign console: review and decide agents&apos; privileged actions, on one or several gateways.</source>
        <translation>Countersign-Konsole: privilegierte Aktionen von Agenten prüfen und entscheiden, auf einem oder mehreren Gateways.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="45"/>
        <source>A gateway to connect to, as URL or NAME=URL (e.g. prod=https://gw.example:8470); repeat for several.</source>
        <translation>Ein Gateway, mit dem verbunden wird, als URL oder NAME=URL (z. B. prod=https://gw.example:8470); für mehrere wiederholen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="49"/>
        <source>Use the approver token of a dev gateway&apos;s principals file; the n-th belongs to the n-th --gateway.</source>
        <translation>Das Freigabe-Token aus der Principals-Datei eines Entwicklungs-Gateways verwenden; die n-te gehört zum n-ten --gateway.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="53"/>
        <source>Trust only this CA (PEM) for the --gateway certificates (or COUNTERSIGN_CA_FILE).</source>
        <translation>Für die Zertifikate der --gateway nur dieser CA (PEM) vertrauen (oder COUNTERSIGN_CA_FILE).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="57"/>
        <source>SHA-256 fingerprint of the --gateway certificate or its CA to pin (or COUNTERSIGN_CA_FINGERPRINT).</source>
        <translation>SHA-256-Fingerabdruck des Zertifikats der --gateway oder ihrer CA, der festgelegt wird (oder COUNTERSIGN_CA_FINGERPRINT).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="61"/>
        <source>Your signing key: pkcs11:…, fido2:FILE or software:FILE (for this run; File &gt; Signing key… remembers one).</source>
        <translation>Ihr Signaturschlüssel: pkcs11:…, fido2:DATEI oder software:DATEI (für diesen Lauf; Datei &gt; Signaturschlüssel… merkt sich einen).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="65"/>
        <source>A countersign://action/GATEWAY/ID link to open.</source>
        <translation>Ein zu öffnender Link countersign://action/GATEWAY/ID.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="137"/>
        <source>Countersign</source>
        <translation>Countersign</translation>
    </message>
</context>
</TS>
