<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>countersign-gateway</name>
    <message>
        <location filename="../gateway/main.cpp" line="48"/>
        <source>Create a bearer token for a principal.</source>
        <translation>Ein Bearer-Token für einen Prinzipal erzeugen.</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="50"/>
        <source>Principal id.</source>
        <translation>ID des Prinzipals.</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="52"/>
        <source>agent, approver or auditor.</source>
        <translation>agent, approver oder auditor.</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="54"/>
        <source>Name shown to approvers.</source>
        <translation>Name, den Freigebende sehen.</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="55"/>
        <source>The verb: create.</source>
        <translation>Das Verb: create.</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="63"/>
        <source>usage: token create --id ID --role agent|approver|auditor [--display-name NAME]</source>
        <translation>Aufruf: token create --id ID --role agent|approver|auditor [--display-name NAME]</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="105"/>
        <source>Countersign gateway: human approval for agents&apos; privileged actions.

Also: token create --id ID --role ROLE, key list|approve ID|revoke ID, policy check FILE [--config FILE],
tls self-signed --host NAME | client-certificate --cn NAME | fingerprint FILE.</source>
        <translation>Countersign-Gateway: menschliche Freigabe für privilegierte Aktionen von Agenten.

Außerdem: token create --id ID --role ROLLE, key list|approve ID|revoke ID, policy check DATEI [--config DATEI],
tls self-signed --host NAME | client-certificate --cn NAME | fingerprint DATEI.</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="113"/>
        <source>YAML configuration file.</source>
        <translation>YAML-Konfigurationsdatei.</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="115"/>
        <source>Address to listen on (default 127.0.0.1:8470; port 0 picks one).</source>
        <translation>Adresse, auf der gelauscht wird (Vorgabe 127.0.0.1:8470; Port 0 wählt einen).</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="119"/>
        <source>Directory for the database and keys.</source>
        <translation>Verzeichnis für die Datenbank und die Schlüssel.</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="122"/>
        <source>The store: sqlite:///PATH or postgresql://USER@HOST/DB (overrides the configuration&apos;s storage.url).</source>
        <translation>Der Speicher: sqlite:///PFAD oder postgresql://BENUTZER@HOST/DB (ersetzt storage.url aus der Konfiguration).</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="126"/>
        <source>Development mode: no configuration, dev principals in DIR/dev-principals.json.</source>
        <translation>Entwicklungsmodus: keine Konfiguration, Entwicklungs-Prinzipale in DIR/dev-principals.json.</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="130"/>
        <source>The policy file (YAML; overrides the configuration&apos;s &apos;policy&apos;).</source>
        <translation>Die Richtliniendatei (YAML; ersetzt &apos;policy&apos; der Konfiguration).</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="134"/>
        <source>text (the default) or json: one JSON object per log line.</source>
        <translation>text (die Vorgabe) oder json: ein JSON-Objekt je Protokollzeile.</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="139"/>
        <source>Listen off loopback without TLS (behind a TLS-terminating proxy only); logged at every start.</source>
        <translation>Ohne TLS außerhalb von Loopback lauschen (nur hinter einem TLS-terminierenden Proxy); wird bei jedem Start protokolliert.</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="145"/>
        <source>unknown command &apos;%1&apos;</source>
        <translation>unbekannter Befehl &apos;%1&apos;</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="151"/>
        <source>--log-format is text or json</source>
        <translation>--log-format ist text oder json</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="161"/>
        <source>give --config FILE, or --dev --data-dir DIR for a development gateway</source>
        <translation>geben Sie --config DATEI an, oder --dev --data-dir DIR für ein Entwicklungs-Gateway</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="178"/>
        <source>--dev needs --data-dir DIR</source>
        <translation>--dev braucht --data-dir DIR</translation>
    </message>
    <message>
        <location filename="../gateway/main.cpp" line="180"/>
        <source>--dev listens on loopback only</source>
        <translation>--dev lauscht nur auf Loopback</translation>
    </message>
    <message>
        <location filename="../gateway/CommandLine.cpp" line="26"/>
        <source>Run &apos;countersign-gateway --help&apos; for the options.</source>
        <translation>&apos;countersign-gateway --help&apos; zeigt die Optionen.</translation>
    </message>
    <message>
        <location filename="../gateway/KeyCommand.cpp" line="24"/>
        <source>Review approvers&apos; signing keys: key list | key approve ID | key revoke ID</source>
        <translation>Signaturschlüssel der Freigebenden prüfen: key list | key approve ID | key revoke ID</translation>
    </message>
    <message>
        <location filename="../gateway/KeyCommand.cpp" line="28"/>
        <source>list, approve or revoke</source>
        <translation>list, approve oder revoke</translation>
    </message>
    <message>
        <location filename="../gateway/KeyCommand.cpp" line="30"/>
        <source>The key id (for approve and revoke).</source>
        <translation>Die ID des Schlüssels (für approve und revoke).</translation>
    </message>
    <message>
        <location filename="../gateway/KeyCommand.cpp" line="32"/>
        <source>The gateway&apos;s YAML configuration.</source>
        <translation>Die YAML-Konfiguration des Gateways.</translation>
    </message>
    <message>
        <location filename="../gateway/KeyCommand.cpp" line="35"/>
        <source>The gateway&apos;s data directory.</source>
        <translation>Das Datenverzeichnis des Gateways.</translation>
    </message>
    <message>
        <location filename="../gateway/KeyCommand.cpp" line="38"/>
        <source>The gateway&apos;s store, when not in its configuration.</source>
        <translation>Der Speicher des Gateways, wenn er nicht in seiner Konfiguration steht.</translation>
    </message>
    <message>
        <location filename="../gateway/KeyCommand.cpp" line="41"/>
        <source>Operator name recorded with the approval (default: $USER).</source>
        <translation>Name des Betreibers, der mit der Freigabe festgehalten wird (Vorgabe: $USER).</translation>
    </message>
    <message>
        <location filename="../gateway/KeyCommand.cpp" line="49"/>
        <source>usage: key list | key approve ID | key revoke ID (--config FILE or --data-dir DIR)</source>
        <translation>Aufruf: key list | key approve ID | key revoke ID (--config DATEI oder --data-dir DIR)</translation>
    </message>
    <message>
        <location filename="../gateway/KeyCommand.cpp" line="67"/>
        <source>key commands need --config FILE or --data-dir DIR</source>
        <translation>key-Befehle brauchen --config DATEI oder --data-dir DIR</translation>
    </message>
    <message>
        <location filename="../gateway/PolicyCommand.cpp" line="32"/>
        <source>Check a policy file: policy check FILE [--config CONFIG]</source>
        <translation>Eine Richtliniendatei prüfen: policy check DATEI [--config KONFIGURATION]</translation>
    </message>
    <message>
        <location filename="../gateway/PolicyCommand.cpp" line="34"/>
        <source>The verb: check.</source>
        <translation>Das Verb: check.</translation>
    </message>
    <message>
        <location filename="../gateway/PolicyCommand.cpp" line="36"/>
        <source>The policy file (YAML).</source>
        <translation>Die Richtliniendatei (YAML).</translation>
    </message>
    <message>
        <location filename="../gateway/PolicyCommand.cpp" line="38"/>
        <source>The gateway&apos;s configuration, to check the groups the rules name.</source>
        <translation>Die Konfiguration des Gateways, um die Gruppen zu prüfen, die die Regeln nennen.</translation>
    </message>
    <message>
        <location filename="../gateway/PolicyCommand.cpp" line="46"/>
        <source>usage: policy check FILE [--config CONFIG]</source>
        <translation>Aufruf: policy check DATEI [--config KONFIGURATION]</translation>
    </message>
    <message>
        <location filename="../gateway/TlsCommand.cpp" line="238"/>
        <source>TLS files for the gateway:
  tls self-signed --host NAME [--host NAME…] [--out DIR] [--days N]
  tls client-certificate --cn NAME [--ca-dir DIR] [--out DIR] [--days N]
  tls fingerprint FILE</source>
        <translation>TLS-Dateien für das Gateway:
  tls self-signed --host NAME [--host NAME…] [--out DIR] [--days N]
  tls client-certificate --cn NAME [--ca-dir DIR] [--out DIR] [--days N]
  tls fingerprint DATEI</translation>
    </message>
    <message>
        <location filename="../gateway/TlsCommand.cpp" line="246"/>
        <source>self-signed, client-certificate or fingerprint.</source>
        <translation>self-signed, client-certificate oder fingerprint.</translation>
    </message>
    <message>
        <location filename="../gateway/TlsCommand.cpp" line="249"/>
        <source>A DNS name or IP address the server certificate is for.</source>
        <translation>Ein DNS-Name oder eine IP-Adresse, für die das Serverzertifikat gilt.</translation>
    </message>
    <message>
        <location filename="../gateway/TlsCommand.cpp" line="252"/>
        <source>The client certificate&apos;s common name.</source>
        <translation>Der Common Name des Client-Zertifikats.</translation>
    </message>
    <message>
        <location filename="../gateway/TlsCommand.cpp" line="255"/>
        <source>Where the files go (default: countersign-tls).</source>
        <translation>Wohin die Dateien kommen (Vorgabe: countersign-tls).</translation>
    </message>
    <message>
        <location filename="../gateway/TlsCommand.cpp" line="258"/>
        <source>Where self-signed put ca.pem and ca.key (default: countersign-tls).</source>
        <translation>Wo self-signed ca.pem und ca.key abgelegt hat (Vorgabe: countersign-tls).</translation>
    </message>
    <message>
        <location filename="../gateway/TlsCommand.cpp" line="263"/>
        <source>How long the certificate is valid (default 825).</source>
        <translation>Wie lange das Zertifikat gilt (Vorgabe 825).</translation>
    </message>
    <message>
        <location filename="../gateway/TlsCommand.cpp" line="290"/>
        <source>usage: tls self-signed --host NAME | tls client-certificate --cn NAME | tls fingerprint FILE</source>
        <translation>Aufruf: tls self-signed --host NAME | tls client-certificate --cn NAME | tls fingerprint DATEI</translation>
    </message>
</context>
</TS>
