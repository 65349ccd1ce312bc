<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>countersign-cli</name>
    <message>
        <location filename="../cli/main.cpp" line="23"/>
        <source>usage: countersign-cli COMMAND [OPTIONS]

Agents:
  request   ask for approval of an action (--wait to wait for the decision)
  exec      ask, wait, run the command only if approved, and report how it ran
  report    report how an approved action ran (for agents that run it themselves)
  policy explain      which policy rule an action would match, and what it needs
  hook claude-code    a Claude Code PreToolUse hook: ask before each tool call
  mcp                 an MCP server (stdio) offering the tool request_approval

Approvers:
  pending          list the actions waiting for a decision
  decide ID        sign and send a decision (--approve|--deny, --reason, --key URI)
  withdraw ID      take back your approval while the action waits for others
  key enroll       send your signing key for an operator to approve (--key URI)
  key list         your keys and their status

Anyone, offline:
  canonicalize [FILE]     print the RFC 8785 canonical form of a JSON document
  verify-decision FILE    check an exported signed decision
  audit verify BUNDLE     check an evidence bundle

Auditors:
  audit export            the audit log as csv, jsonl or an evidence bundle

Run &apos;countersign-cli COMMAND --help&apos; for a command&apos;s options.</source>
        <translation>Aufruf: countersign-cli BEFEHL [OPTIONEN]

Agenten:
  request   um Freigabe einer Aktion bitten (--wait wartet auf die Entscheidung)
  exec      fragen, warten, den Befehl nur bei Freigabe ausführen und melden, wie er lief
  report    melden, wie eine freigegebene Aktion lief (für Agenten, die sie selbst ausführen)
  policy explain      welche Regel eine Aktion träfe und was sie bräuchte
  hook claude-code    ein PreToolUse-Hook für Claude Code: vor jedem Werkzeugaufruf fragen
  mcp                 ein MCP-Server (stdio) mit dem Werkzeug request_approval

Freigebende:
  pending          die Aktionen auflisten, die auf eine Entscheidung warten
  decide ID        eine Entscheidung signieren und senden (--approve|--deny, --reason, --key URI)
  withdraw ID      die eigene Freigabe zurücknehmen, solange die Aktion auf andere wartet
  key enroll       den eigenen Signaturschlüssel zur Freigabe durch einen Betreiber senden (--key URI)
  key list         die eigenen Schlüssel und ihr Status

Alle, offline:
  canonicalize [DATEI]    die kanonische Form (RFC 8785) eines JSON-Dokuments ausgeben
  verify-decision DATEI   eine exportierte signierte Entscheidung prüfen
  audit verify BÜNDEL     ein Nachweisbündel prüfen

Prüfer:
  audit export            das Prüfprotokoll als csv, jsonl oder Nachweisbündel

&apos;countersign-cli BEFEHL --help&apos; zeigt die Optionen eines Befehls.</translation>
    </message>
    <message>
        <location filename="../cli/main.cpp" line="124"/>
        <source>unknown command &apos;%1&apos;</source>
        <translation>unbekannter Befehl &apos;%1&apos;</translation>
    </message>
    <message>
        <location filename="../cli/OfflineCommands.cpp" line="59"/>
        <source>Print the RFC 8785 (JCS) canonical form of a JSON document.</source>
        <translation>Die kanonische Form (RFC 8785, JCS) eines JSON-Dokuments ausgeben.</translation>
    </message>
    <message>
        <location filename="../cli/OfflineCommands.cpp" line="62"/>
        <source>The JSON file; standard input when absent.</source>
        <translation>Die JSON-Datei; ohne sie die Standardeingabe.</translation>
    </message>
    <message>
        <location filename="../cli/OfflineCommands.cpp" line="86"/>
        <source>Check an exported signed decision offline (docs/protocol.md).</source>
        <translation>Eine exportierte signierte Entscheidung offline prüfen (docs/protocol.md).</translation>
    </message>
    <message>
        <location filename="../cli/OfflineCommands.cpp" line="91"/>
        <source>The approver&apos;s public key (PEM) you trust; without it the key in the file is used, which proves only that the file is self-consistent.</source>
        <translation>Der öffentliche Schlüssel (PEM) des Freigebenden, dem Sie vertrauen; ohne ihn gilt der Schlüssel in der Datei, was nur beweist, dass die Datei in sich stimmig ist.</translation>
    </message>
    <message>
        <location filename="../cli/OfflineCommands.cpp" line="96"/>
        <source>The action as the gateway served it (JSON), instead of the one in FILE.</source>
        <translation>Die Aktion, wie das Gateway sie ausgeliefert hat (JSON), statt der in DATEI.</translation>
    </message>
    <message>
        <location filename="../cli/OfflineCommands.cpp" line="100"/>
        <source>The FIDO2 relying party id (default: the file&apos;s fido2_rp_id).</source>
        <translation>Die FIDO2-Relying-Party-ID (Vorgabe: fido2_rp_id der Datei).</translation>
    </message>
    <message>
        <location filename="../cli/OfflineCommands.cpp" line="105"/>
        <source>The decision as exported by GET /v1/actions/ID/decision.</source>
        <translation>Die Entscheidung, wie GET /v1/actions/ID/decision sie exportiert.</translation>
    </message>
    <message>
        <location filename="../cli/CliContext.cpp" line="17"/>
        <source>Gateway URL (or COUNTERSIGN_URL).</source>
        <translation>URL des Gateways (oder COUNTERSIGN_URL).</translation>
    </message>
    <message>
        <location filename="../cli/CliContext.cpp" line="19"/>
        <source>Bearer token (or COUNTERSIGN_TOKEN).</source>
        <translation>Bearer-Token (oder COUNTERSIGN_TOKEN).</translation>
    </message>
    <message>
        <location filename="../cli/CliContext.cpp" line="23"/>
        <source>Take the token from a dev gateway&apos;s dev-principals.json.</source>
        <translation>Das Token aus der dev-principals.json eines Entwicklungs-Gateways nehmen.</translation>
    </message>
    <message>
        <location filename="../cli/CliContext.cpp" line="27"/>
        <source>Trust only this CA (PEM) for the gateway&apos;s certificate (or COUNTERSIGN_CA_FILE).</source>
        <translation>Für das Zertifikat des Gateways nur dieser CA (PEM) vertrauen (oder COUNTERSIGN_CA_FILE).</translation>
    </message>
    <message>
        <location filename="../cli/CliContext.cpp" line="32"/>
        <source>SHA-256 fingerprint of the gateway&apos;s certificate or CA to pin (or COUNTERSIGN_CA_FINGERPRINT).</source>
        <translation>SHA-256-Fingerabdruck des Gateway-Zertifikats oder seiner CA, der festgelegt wird (oder COUNTERSIGN_CA_FINGERPRINT).</translation>
    </message>
    <message>
        <location filename="../cli/CliContext.cpp" line="36"/>
        <source>Allow plain http:// to a gateway on another machine.</source>
        <translation>Unverschlüsseltes http:// zu einem Gateway auf einem anderen Rechner erlauben.</translation>
    </message>
    <message>
        <location filename="../cli/CliContext.cpp" line="102"/>
        <source>Run &apos;countersign-cli COMMAND --help&apos; for its options.</source>
        <translation>&apos;countersign-cli BEFEHL --help&apos; zeigt seine Optionen.</translation>
    </message>
    <message>
        <location filename="../cli/RequestOptions.cpp" line="15"/>
        <source>Kind of action, e.g. db.export.</source>
        <translation>Art der Aktion, z. B. db.export.</translation>
    </message>
    <message>
        <location filename="../cli/RequestOptions.cpp" line="16"/>
        <source>Target system.</source>
        <translation>Zielsystem.</translation>
    </message>
    <message>
        <location filename="../cli/RequestOptions.cpp" line="18"/>
        <source>Target resource.</source>
        <translation>Zielressource.</translation>
    </message>
    <message>
        <location filename="../cli/RequestOptions.cpp" line="19"/>
        <source>Target environment.</source>
        <translation>Zielumgebung.</translation>
    </message>
    <message>
        <location filename="../cli/RequestOptions.cpp" line="21"/>
        <source>Why the action is needed.</source>
        <translation>Warum die Aktion nötig ist.</translation>
    </message>
    <message>
        <location filename="../cli/RequestOptions.cpp" line="23"/>
        <source>low, normal, high or critical.</source>
        <translation>low, normal, high oder critical.</translation>
    </message>
    <message>
        <location filename="../cli/RequestOptions.cpp" line="25"/>
        <source>Seconds until the request expires.</source>
        <translation>Sekunden, bis die Anfrage verfällt.</translation>
    </message>
    <message>
        <location filename="../cli/RequestOptions.cpp" line="27"/>
        <source>The human the agent acts for (may not approve).</source>
        <translation>Der Mensch, für den der Agent handelt (darf nicht freigeben).</translation>
    </message>
    <message>
        <location filename="../cli/RequestOptions.cpp" line="30"/>
        <source>Extra context as a JSON object.</source>
        <translation>Zusätzlicher Kontext als JSON-Objekt.</translation>
    </message>
    <message>
        <location filename="../cli/RequestOptions.cpp" line="33"/>
        <source>The command as one shell string instead of -- ARGV.</source>
        <translation>Der Befehl als eine Shell-Zeichenkette statt -- ARGV.</translation>
    </message>
    <message>
        <location filename="../cli/RequestOptions.cpp" line="35"/>
        <source>The command to run and its arguments, after --.</source>
        <translation>Der auszuführende Befehl und seine Argumente, nach --.</translation>
    </message>
    <message>
        <location filename="../cli/RequestOptions.cpp" line="43"/>
        <source>give the command either after -- or with --command, not both</source>
        <translation>den Befehl entweder nach -- oder mit --command angeben, nicht beides</translation>
    </message>
    <message>
        <location filename="../cli/RequestOptions.cpp" line="62"/>
        <source>--ttl takes a whole number of seconds</source>
        <translation>--ttl erwartet eine ganze Zahl von Sekunden</translation>
    </message>
    <message>
        <location filename="../cli/RequestOptions.cpp" line="68"/>
        <source>--context takes a JSON object</source>
        <translation>--context erwartet ein JSON-Objekt</translation>
    </message>
</context>
<context>
    <name>cs::ApproverCommand</name>
    <message>
        <location filename="../cli/ApproverCommand.cpp" line="33"/>
        <source>List the actions waiting for a decision.</source>
        <translation>Die Aktionen auflisten, die auf eine Entscheidung warten.</translation>
    </message>
    <message>
        <location filename="../cli/ApproverCommand.cpp" line="35"/>
        <source>Sign a decision on one action with your key and send it.</source>
        <translation>Eine Entscheidung über eine Aktion mit Ihrem Schlüssel signieren und senden.</translation>
    </message>
    <message>
        <location filename="../cli/ApproverCommand.cpp" line="37"/>
        <source>Take back your approval of an action that still waits for other approvers.</source>
        <translation>Ihre Freigabe einer Aktion zurücknehmen, die noch auf andere Freigebende wartet.</translation>
    </message>
    <message>
        <location filename="../cli/ApproverCommand.cpp" line="39"/>
        <source>Send your signing key to the gateway; an operator must approve it.</source>
        <translation>Ihren Signaturschlüssel an das Gateway senden; ein Betreiber muss ihn freigeben.</translation>
    </message>
    <message>
        <location filename="../cli/ApproverCommand.cpp" line="41"/>
        <source>List your signing keys and their status.</source>
        <translation>Ihre Signaturschlüssel und ihren Status auflisten.</translation>
    </message>
    <message>
        <location filename="../cli/ApproverCommand.cpp" line="52"/>
        <source>Print the gateway&apos;s JSON instead of text.</source>
        <translation>Das JSON des Gateways statt Text ausgeben.</translation>
    </message>
    <message>
        <location filename="../cli/ApproverCommand.cpp" line="55"/>
        <source>The signing key: pkcs11:…, fido2:FILE or software:FILE (see docs/cli.md).</source>
        <translation>Der Signaturschlüssel: pkcs11:…, fido2:DATEI oder software:DATEI (siehe docs/cli.md).</translation>
    </message>
    <message>
        <location filename="../cli/ApproverCommand.cpp" line="58"/>
        <source>Approve the action.</source>
        <translation>Die Aktion freigeben.</translation>
    </message>
    <message>
        <location filename="../cli/ApproverCommand.cpp" line="59"/>
        <source>Deny the action (needs --reason).</source>
        <translation>Die Aktion ablehnen (braucht --reason).</translation>
    </message>
    <message>
        <location filename="../cli/ApproverCommand.cpp" line="60"/>
        <source>Why; required to deny.</source>
        <translation>Warum; zum Ablehnen nötig.</translation>
    </message>
    <message>
        <location filename="../cli/ApproverCommand.cpp" line="61"/>
        <location filename="../cli/ApproverCommand.cpp" line="64"/>
        <source>The action&apos;s id.</source>
        <translation>Die ID der Aktion.</translation>
    </message>
    <message>
        <location filename="../cli/ApproverCommand.cpp" line="66"/>
        <source>A name for the key, shown to the operator.</source>
        <translation>Ein Name für den Schlüssel, den der Betreiber sieht.</translation>
    </message>
    <message>
        <location filename="../cli/ApproverCommand.cpp" line="83"/>
        <source>give your signing key with --key pkcs11:…|fido2:FILE|software:FILE</source>
        <translation>geben Sie Ihren Signaturschlüssel mit --key pkcs11:…|fido2:DATEI|software:DATEI an</translation>
    </message>
    <message>
        <location filename="../cli/ApproverCommand.cpp" line="89"/>
        <source>withdraw needs the action id</source>
        <translation>withdraw braucht die ID der Aktion</translation>
    </message>
    <message>
        <location filename="../cli/ApproverCommand.cpp" line="95"/>
        <source>decide needs the action id and exactly one of --approve and --deny</source>
        <translation>decide braucht die ID der Aktion und genau eines von --approve und --deny</translation>
    </message>
</context>
<context>
    <name>cs::AuditCommand</name>
    <message>
        <location filename="../cli/AuditCommand.cpp" line="30"/>
        <source>Export the gateway&apos;s audit log (an auditor&apos;s or approver&apos;s token).</source>
        <translation>Das Prüfprotokoll des Gateways exportieren (mit dem Token eines Prüfers oder Freigebenden).</translation>
    </message>
    <message>
        <location filename="../cli/AuditCommand.cpp" line="33"/>
        <source>Export the events after this seq (default 0: all).</source>
        <translation>Die Ereignisse nach dieser seq exportieren (Vorgabe 0: alle).</translation>
    </message>
    <message>
        <location filename="../cli/AuditCommand.cpp" line="34"/>
        <source>csv, jsonl or bundle.</source>
        <translation>csv, jsonl oder bundle.</translation>
    </message>
    <message>
        <location filename="../cli/AuditCommand.cpp" line="36"/>
        <source>The file (csv, jsonl; default: standard output) or directory (bundle).</source>
        <translation>Die Datei (csv, jsonl; Vorgabe: Standardausgabe) oder das Verzeichnis (bundle).</translation>
    </message>
    <message>
        <location filename="../cli/AuditCommand.cpp" line="46"/>
        <source>--after takes a seq and --format csv, jsonl or bundle</source>
        <translation>--after erwartet eine seq und --format csv, jsonl oder bundle</translation>
    </message>
    <message>
        <location filename="../cli/AuditCommand.cpp" line="48"/>
        <source>a bundle is a directory: give it with --out DIR</source>
        <translation>ein Bündel ist ein Verzeichnis: geben Sie es mit --out VERZEICHNIS an</translation>
    </message>
    <message>
        <location filename="../cli/AuditCommand.cpp" line="150"/>
        <source>Check an evidence bundle offline.</source>
        <translation>Ein Nachweisbündel offline prüfen.</translation>
    </message>
    <message>
        <location filename="../cli/AuditCommand.cpp" line="152"/>
        <source>The bundle directory.</source>
        <translation>Das Verzeichnis des Bündels.</translation>
    </message>
    <message>
        <location filename="../cli/AuditCommand.cpp" line="156"/>
        <source>audit verify needs the bundle directory</source>
        <translation>audit verify braucht das Verzeichnis des Bündels</translation>
    </message>
</context>
<context>
    <name>cs::ExplainCommand</name>
    <message>
        <location filename="../cli/ExplainCommand.cpp" line="22"/>
        <source>Say which policy rule an action would match, why, and what it would need, without submitting it.</source>
        <translation>Sagen, welche Regel eine Aktion träfe, warum, und was sie bräuchte, ohne sie einzureichen.</translation>
    </message>
    <message>
        <location filename="../cli/ExplainCommand.cpp" line="26"/>
        <source>Explain for this agent (approvers and auditors; default: yourself).</source>
        <translation>Für diesen Agenten erklären (Freigebende und Prüfer; Vorgabe: Sie selbst).</translation>
    </message>
    <message>
        <location filename="../cli/ExplainCommand.cpp" line="27"/>
        <source>Print the gateway&apos;s JSON instead of text.</source>
        <translation>Das JSON des Gateways statt Text ausgeben.</translation>
    </message>
</context>
<context>
    <name>cs::HookCommand</name>
    <message>
        <location filename="../cli/HookCommand.cpp" line="26"/>
        <source>Claude Code PreToolUse hook: reads the hook input on stdin, asks the gateway, waits, and prints allow or deny (docs/integrations.md).</source>
        <translation>PreToolUse-Hook für Claude Code: liest die Eingabe des Hooks von stdin, fragt das Gateway, wartet und gibt allow oder deny aus (docs/integrations.md).</translation>
    </message>
    <message>
        <location filename="../cli/HookCommand.cpp" line="30"/>
        <source>Target system of the actions (default claude-code).</source>
        <translation>Zielsystem der Aktionen (Vorgabe claude-code).</translation>
    </message>
    <message>
        <location filename="../cli/HookCommand.cpp" line="31"/>
        <source>Target environment of the actions (default dev).</source>
        <translation>Zielumgebung der Aktionen (Vorgabe dev).</translation>
    </message>
    <message>
        <location filename="../cli/HookCommand.cpp" line="32"/>
        <source>Urgency of the actions: low, normal, high or critical.</source>
        <translation>Dringlichkeit der Aktionen: low, normal, high oder critical.</translation>
    </message>
    <message>
        <location filename="../cli/HookCommand.cpp" line="33"/>
        <source>Allow the tool call when the gateway cannot be reached (not the default: an unreachable gateway denies).</source>
        <translation>Den Werkzeugaufruf erlauben, wenn das Gateway nicht erreichbar ist (nicht die Vorgabe: ein unerreichbares Gateway lehnt ab).</translation>
    </message>
</context>
<context>
    <name>cs::McpServer</name>
    <message>
        <location filename="../cli/McpServer.cpp" line="42"/>
        <source>Model Context Protocol server on stdio: offers the tool request_approval, which asks the gateway and waits for the decision (docs/integrations.md).</source>
        <translation>Model-Context-Protocol-Server auf stdio: bietet das Werkzeug request_approval, das das Gateway fragt und auf die Entscheidung wartet (docs/integrations.md).</translation>
    </message>
</context>
<context>
    <name>cs::ReportCommand</name>
    <message>
        <location filename="../cli/ReportCommand.cpp" line="14"/>
        <source>Report how an approved action ran.</source>
        <translation>Melden, wie eine freigegebene Aktion lief.</translation>
    </message>
    <message>
        <location filename="../cli/ReportCommand.cpp" line="17"/>
        <source>The action&apos;s id.</source>
        <translation>Die ID der Aktion.</translation>
    </message>
    <message>
        <location filename="../cli/ReportCommand.cpp" line="18"/>
        <source>succeeded or failed.</source>
        <translation>succeeded oder failed.</translation>
    </message>
    <message>
        <location filename="../cli/ReportCommand.cpp" line="19"/>
        <source>The command&apos;s exit code.</source>
        <translation>Der Exit-Code des Befehls.</translation>
    </message>
    <message>
        <location filename="../cli/ReportCommand.cpp" line="20"/>
        <source>A line on what happened.</source>
        <translation>Eine Zeile dazu, was geschah.</translation>
    </message>
    <message>
        <location filename="../cli/ReportCommand.cpp" line="27"/>
        <source>report needs the action&apos;s id and --status succeeded|failed</source>
        <translation>report braucht die ID der Aktion und --status succeeded|failed</translation>
    </message>
    <message>
        <location filename="../cli/ReportCommand.cpp" line="34"/>
        <source>--exit-code takes a whole number</source>
        <translation>--exit-code erwartet eine ganze Zahl</translation>
    </message>
</context>
<context>
    <name>cs::RequestCommand</name>
    <message>
        <location filename="../cli/RequestCommand.cpp" line="30"/>
        <source>Ask for approval, wait, and run COMMAND only if approved.</source>
        <translation>Um Freigabe bitten, warten und BEFEHL nur bei Freigabe ausführen.</translation>
    </message>
    <message>
        <location filename="../cli/RequestCommand.cpp" line="31"/>
        <source>Ask the gateway for approval of an action.</source>
        <translation>Das Gateway um Freigabe einer Aktion bitten.</translation>
    </message>
    <message>
        <location filename="../cli/RequestCommand.cpp" line="36"/>
        <source>Seconds to keep sending the request again while the gateway cannot be reached (default 30; the gateway makes one action of them).</source>
        <translation>Sekunden, in denen die Anfrage erneut gesendet wird, solange das Gateway nicht erreichbar ist (Vorgabe 30; das Gateway macht eine Aktion daraus).</translation>
    </message>
    <message>
        <location filename="../cli/RequestCommand.cpp" line="40"/>
        <source>Wait for the decision; exit 0 approved, 1 denied, 2 expired/cancelled.</source>
        <translation>Auf die Entscheidung warten; Exit-Code 0 freigegeben, 1 abgelehnt, 2 verfallen/abgebrochen.</translation>
    </message>
    <message>
        <location filename="../cli/RequestCommand.cpp" line="43"/>
        <source>Run an action requested before (its command must be the one given), once approved, instead of requesting a new one.</source>
        <translation>Eine früher angefragte Aktion (ihr Befehl muss der angegebene sein) nach der Freigabe ausführen, statt eine neue anzufragen.</translation>
    </message>
    <message>
        <location filename="../cli/RequestCommand.cpp" line="54"/>
        <source>--retry takes a whole number of seconds</source>
        <translation>--retry erwartet eine ganze Zahl von Sekunden</translation>
    </message>
</context>
</TS>
