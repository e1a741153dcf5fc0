<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <location filename="../ui/widgets/resultview.cpp" line="35"/>
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n Schlüssel}</numerusform>
            <numerusform>{%n Schlüssel}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/resultview.cpp" line="40"/>
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n Element]</numerusform>
            <numerusform>[%n Elemente]</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="55"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
</context>
<context>
    <name>SchemaCompiler</name>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="43"/>
        <source>its fields depend on other values (%1): edit the arguments as JSON</source>
        <translation>seine Felder hängen von anderen Werten ab (%1): die Argumente als JSON bearbeiten</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="61"/>
        <source>the top-level schema is not an object (%1)</source>
        <translation>das Schema der obersten Ebene ist kein Objekt (%1)</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="62"/>
        <source>the top-level schema is not an object</source>
        <translation>das Schema der obersten Ebene ist kein Objekt</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="159"/>
        <source>$ref %1 is not in this schema</source>
        <translation>$ref %1 ist nicht in diesem Schema enthalten</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="163"/>
        <source>$ref %1 refers back to itself</source>
        <translation>$ref %1 verweist auf sich selbst</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="168"/>
        <source>$ref %1 points to nothing</source>
        <translation>$ref %1 verweist ins Leere</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="177"/>
        <source>$ref %1 does not point to a schema</source>
        <translation>$ref %1 verweist nicht auf ein Schema</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="230"/>
        <source>allOf nests too deeply</source>
        <translation>allOf ist zu tief verschachtelt</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="235"/>
        <source>allOf is not an array</source>
        <translation>allOf ist kein Array</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="248"/>
        <source>allOf allows no value</source>
        <translation>allOf lässt keinen Wert zu</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="252"/>
        <source>allOf holds something that is not a schema</source>
        <translation>allOf enthält etwas, das kein Schema ist</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="306"/>
        <source>Option %1</source>
        <translation>Option %1</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="316"/>
        <source>the schema nests deeper than %1 levels</source>
        <translation>das Schema ist tiefer als %1 Ebenen verschachtelt</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="321"/>
        <source>the schema has more than %1 fields</source>
        <translation>das Schema hat mehr als %1 Felder</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="332"/>
        <source>any JSON value</source>
        <translation>beliebiger JSON-Wert</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="333"/>
        <source>no value is allowed here</source>
        <translation>hier ist kein Wert zulässig</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="335"/>
        <source>not a schema</source>
        <translation>kein Schema</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="345"/>
        <source>fields that depend on other values (%1)</source>
        <translation>Felder, die von anderen Werten abhängen (%1)</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="348"/>
        <source>$dynamicRef %1 is resolved only while validating</source>
        <translation>$dynamicRef %1 wird erst beim Validieren aufgelöst</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="353"/>
        <source>an embedded schema resource ($id %1)</source>
        <translation>eine eingebettete Schema-Ressource ($id %1)</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="376"/>
        <source>both oneOf and anyOf</source>
        <translation>sowohl oneOf als auch anyOf</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="381"/>
        <source>%1 without alternatives</source>
        <translation>%1 ohne Alternativen</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="409"/>
        <source>several types</source>
        <translation>mehrere Typen</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="411"/>
        <source>&quot;type&quot; is not a type name</source>
        <translation>„type“ ist kein Typname</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="420"/>
        <source>no type</source>
        <translation>kein Typ</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="472"/>
        <source>&quot;properties&quot; is not an object</source>
        <translation>„properties“ ist kein Objekt</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="480"/>
        <source>an object with free-form keys</source>
        <translation>ein Objekt mit frei wählbaren Schlüsseln</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="506"/>
        <source>a fixed-length list (tuple)</source>
        <translation>eine Liste fester Länge (Tupel)</translation>
    </message>
    <message>
        <location filename="../core/schema/schemacompiler.cpp" line="518"/>
        <source>unknown type &quot;%1&quot;</source>
        <translation>unbekannter Typ „%1“</translation>
    </message>
</context>
<context>
    <name>ToolHints</name>
    <message>
        <location filename="../ui/widgets/toolhints.cpp" line="11"/>
        <source>read-only</source>
        <translation>nur lesend</translation>
    </message>
    <message>
        <location filename="../ui/widgets/toolhints.cpp" line="13"/>
        <source>idempotent</source>
        <translation>idempotent</translation>
    </message>
    <message>
        <location filename="../ui/widgets/toolhints.cpp" line="15"/>
        <source>destructive</source>
        <translation>destruktiv</translation>
    </message>
    <message>
        <location filename="../ui/widgets/toolhints.cpp" line="17"/>
        <source>open world</source>
        <translation>offene Welt</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::Composer</name>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="69"/>
        <source>Filter tools…</source>
        <translation>Tools filtern…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="71"/>
        <source>Filter tools</source>
        <translation>Tools filtern</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="73"/>
        <source>Tools of the pool</source>
        <translation>Tools des Pools</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="76"/>
        <source>Refresh &amp;Tools</source>
        <translation>&amp;Tools aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="94"/>
        <source>Pick a tool on the left.</source>
        <translation>Links ein Tool auswählen.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="104"/>
        <source>Saved requests</source>
        <translation>Gespeicherte Anfragen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="105"/>
        <source>No saved requests</source>
        <translation>Keine gespeicherten Anfragen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="106"/>
        <source>Requests saved in the profile; pick one to load it</source>
        <translation>Im Profil gespeicherte Anfragen; eine auswählen, um sie zu laden</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="112"/>
        <source>Load the saved request</source>
        <translation>Gespeicherte Anfrage laden</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="113"/>
        <source>Load the saved request into the form</source>
        <translation>Die gespeicherte Anfrage ins Formular laden</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="114"/>
        <source>Run Sav&amp;ed</source>
        <translation>Gespeicherte ausführ&amp;en</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="115"/>
        <source>Run the saved request</source>
        <translation>Gespeicherte Anfrage ausführen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="116"/>
        <source>Load the saved request and run it</source>
        <translation>Die gespeicherte Anfrage laden und ausführen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="118"/>
        <source>Delete the saved request</source>
        <translation>Gespeicherte Anfrage löschen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="129"/>
        <source>Where to send the call</source>
        <translation>Ziel des Aufrufs</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="134"/>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="138"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="139"/>
        <source>Timeout</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="141"/>
        <source>Run the call (Ctrl+Return)</source>
        <translation>Aufruf ausführen (Strg+Return)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="143"/>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="150"/>
        <source>Se&amp;nd to:</source>
        <translation>Se&amp;nden an:</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="154"/>
        <source>T&amp;imeout:</source>
        <translation>Zeitl&amp;imit:</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="185"/>
        <source>Call progress</source>
        <translation>Fortschritt des Aufrufs</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="192"/>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="202"/>
        <source>Call history</source>
        <translation>Aufrufverlauf</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="203"/>
        <source>Double-click to load a call again</source>
        <translation>Doppelklicken, um einen Aufruf erneut zu laden</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="450"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="230"/>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="109"/>
        <source>Saved requests:</source>
        <translation>Gespeicherte Anfragen:</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="111"/>
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="117"/>
        <source>&amp;Delete</source>
        <translation>L&amp;öschen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="140"/>
        <source>R&amp;un</source>
        <translation>Aus&amp;führen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="144"/>
        <source>Save as Named Re&amp;quest…</source>
        <translation>Als &amp;benannte Anfrage speichern…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="146"/>
        <source>Save this call as a named request</source>
        <translation>Diesen Aufruf als benannte Anfrage speichern</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="148"/>
        <source>Keep the tool, its arguments, the target, priority and timeout in the profile under a name</source>
        <translation>Tool, Argumente, Ziel, Priorität und Zeitlimit unter einem Namen im Profil aufbewahren</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="152"/>
        <source>Priorit&amp;y:</source>
        <translation>Pri&amp;orität:</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="205"/>
        <source>Hist&amp;ory:</source>
        <translation>&amp;Verlauf:</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="222"/>
        <location filename="../ui/widgets/composer.cpp" line="449"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="240"/>
        <source>Save as Named Request…</source>
        <translation>Als benannte Anfrage speichern…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="255"/>
        <source>Pick a saved request first.</source>
        <translation>Wählen Sie zuerst eine gespeicherte Anfrage.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="257"/>
        <source>A call is running; cancel it or wait for it to end.</source>
        <translation>Ein Aufruf läuft; brechen Sie ihn ab oder warten Sie sein Ende ab.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/composer.cpp" line="289"/>
        <source>%1  (%n server(s))</source>
        <translation>
            <numerusform>%1  (%n Server)</numerusform>
            <numerusform>%1  (%n Server)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="298"/>
        <source>Offered by: %1</source>
        <translation>Angeboten von: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="322"/>
        <source>The pool does not offer the tool %1 of the saved request “%2”.</source>
        <translation>Der Pool bietet das Tool %1 der gespeicherten Anfrage „%2“ nicht an.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="354"/>
        <source>offered by %1</source>
        <translation>angeboten von %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="356"/>
        <source>The pool (balanced by the strategy)</source>
        <translation>Der Pool (verteilt nach der Strategie)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="357"/>
        <source>Every server offering it (%1), side by side</source>
        <translation>Alle anbietenden Server (%1), nebeneinander</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="360"/>
        <source>Only %1</source>
        <translation>Nur %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="395"/>
        <source>Fix the arguments first:
%1</source>
        <translation>Zuerst die Argumente korrigieren:
%1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="405"/>
        <source>Required and empty: %1. Press Run again to send it like this.</source>
        <translation>Pflichtfeld leer: %1. Drücken Sie erneut Ausführen, um es so zu senden.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="434"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="524"/>
        <source>Result from %1</source>
        <translation>Ergebnis von %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/composer.cpp" line="536"/>
        <source>done, %n failed</source>
        <translation>
            <numerusform>fertig, %n fehlgeschlagen</numerusform>
            <numerusform>fertig, %n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="537"/>
        <location filename="../ui/widgets/composer.cpp" line="548"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="538"/>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="541"/>
        <location filename="../ui/widgets/composer.cpp" line="686"/>
        <source>pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="542"/>
        <location filename="../ui/widgets/composer.cpp" line="687"/>
        <source>all servers</source>
        <translation>alle Server</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="544"/>
        <source>%1  %2 → %3: %4</source>
        <translation>%1  %2 → %3: %4</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/composer.cpp" line="547"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="549"/>
        <source>ok</source>
        <translation>OK</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/composer.cpp" line="571"/>
        <source>✔ All %n server(s) gave the same result.</source>
        <translation>
            <numerusform>✔ %n Server hat ein Ergebnis geliefert.</numerusform>
            <numerusform>✔ Alle %n Server haben dasselbe Ergebnis geliefert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/composer.cpp" line="576"/>
        <source>≠ The servers disagree: %n different result(s).</source>
        <translation>
            <numerusform>≠ Die Server sind sich uneinig: %n unterschiedliches Ergebnis.</numerusform>
            <numerusform>≠ Die Server sind sich uneinig: %n unterschiedliche Ergebnisse.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="691"/>
        <source>%1 → %2
%3</source>
        <translation>%1 → %2
%3</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="759"/>
        <location filename="../ui/widgets/composer.cpp" line="782"/>
        <source>Save as Named Request</source>
        <translation>Als benannte Anfrage speichern</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="760"/>
        <location filename="../ui/widgets/composer.cpp" line="783"/>
        <source>Name for this call (kept in the profile):</source>
        <translation>Name für diesen Aufruf (wird im Profil gespeichert):</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="767"/>
        <location filename="../ui/widgets/composer.cpp" line="790"/>
        <source>Replace Saved Request</source>
        <translation>Gespeicherte Anfrage ersetzen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="768"/>
        <location filename="../ui/widgets/composer.cpp" line="791"/>
        <source>A saved request named “%1” exists already. Replace it?</source>
        <translation>Es gibt bereits eine gespeicherte Anfrage namens „%1“. Ersetzen?</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="826"/>
        <source>Waiting for the pool to offer %1 (saved request “%2”)…</source>
        <translation>Warte, bis der Pool %1 anbietet (gespeicherte Anfrage „%2“)…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="840"/>
        <source>%1 does not offer %2 now; the call was not sent. Pick where to send it and run it.</source>
        <translation>%1 bietet %2 derzeit nicht an; der Aufruf wurde nicht gesendet. Ein Ziel wählen und ihn ausführen.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="843"/>
        <source>%1 does not offer %2 now; the call goes to the pool.</source>
        <translation>%1 bietet %2 derzeit nicht an; der Aufruf geht an den Pool.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="867"/>
        <source>Delete Saved Request</source>
        <translation>Gespeicherte Anfrage löschen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/composer.cpp" line="868"/>
        <source>Delete the saved request “%1” from the profile?</source>
        <translation>Die gespeicherte Anfrage „%1“ aus dem Profil löschen?</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::ElicitationDialog</name>
    <message>
        <location filename="../ui/dialogs/elicitationdialog.cpp" line="34"/>
        <source>Server Asks for Input</source>
        <translation>Server bittet um Eingabe</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/elicitationdialog.cpp" line="37"/>
        <source>Server %1 asks:</source>
        <translation>Server %1 fragt:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/elicitationdialog.cpp" line="54"/>
        <source>&amp;Accept</source>
        <translation>&amp;Annehmen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/elicitationdialog.cpp" line="55"/>
        <source>&amp;Decline</source>
        <translation>A&amp;blehnen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/elicitationdialog.cpp" line="69"/>
        <source>The page is on %1. Check the address before you open it; nothing reaches the server until you accept.</source>
        <translation>Die Seite liegt auf %1. Prüfen Sie die Adresse, bevor Sie sie öffnen; der Server erfährt nichts, bis Sie annehmen.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/elicitationdialog.cpp" line="75"/>
        <source>This is not an http(s) address; it cannot be opened.</source>
        <translation>Das ist keine http(s)-Adresse; sie kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/elicitationdialog.cpp" line="78"/>
        <source>&amp;Open in Browser</source>
        <translation>Im &amp;Browser öffnen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/elicitationdialog.cpp" line="90"/>
        <source>&amp;Cancel</source>
        <translation>Abb&amp;rechen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/elicitationdialog.cpp" line="91"/>
        <source>Dismiss without an answer either way</source>
        <translation>Schließen, ohne so oder so zu antworten</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::EndpointClientModel</name>
    <message numerus="yes">
        <location filename="../ui/models/endpointclientmodel.cpp" line="89"/>
        <source>%1 %2, %n session(s) open</source>
        <translation>
            <numerusform>%1 %2, %n Sitzung offen</numerusform>
            <numerusform>%1 %2, %n Sitzungen offen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/models/endpointclientmodel.cpp" line="119"/>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <location filename="../ui/models/endpointclientmodel.cpp" line="131"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../ui/models/endpointclientmodel.cpp" line="133"/>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/models/endpointclientmodel.cpp" line="135"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../ui/models/endpointclientmodel.cpp" line="137"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../ui/models/endpointclientmodel.cpp" line="139"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location filename="../ui/models/endpointclientmodel.cpp" line="141"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../ui/models/endpointclientmodel.cpp" line="143"/>
        <source>Tool calls</source>
        <translation>Tool-Aufrufe</translation>
    </message>
    <message>
        <location filename="../ui/models/endpointclientmodel.cpp" line="145"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../ui/models/endpointclientmodel.cpp" line="147"/>
        <source>Last request</source>
        <translation>Letzte Anfrage</translation>
    </message>
    <message>
        <location filename="../ui/models/endpointclientmodel.cpp" line="149"/>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::EndpointDialog</name>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="27"/>
        <source>Serve as MCP Server</source>
        <translation>Als MCP-Server bereitstellen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="31"/>
        <source>Any MCP client (either protocol era) can call this pool&apos;s servers through one address: calls are queued, balanced and moved to another server when one fails.</source>
        <translation>Jeder MCP-Client (beider Protokoll-Generationen) kann die Server dieses Pools über eine Adresse aufrufen: Aufrufe werden eingereiht, verteilt und an einen anderen Server weitergegeben, wenn einer ausfällt.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="37"/>
        <source>&amp;Serve this pool as one MCP server</source>
        <translation>Diesen Pool als einen MCP-Server &amp;bereitstellen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="43"/>
        <source>ADDRESS:PORT. 127.0.0.1 is reachable from this machine only; 0.0.0.0 from the network (a bearer token is required then).</source>
        <translation>ADRESSE:PORT. 127.0.0.1 ist nur von diesem Rechner erreichbar, 0.0.0.0 aus dem Netz (dann ist ein Bearer-Token nötig).</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="45"/>
        <source>&amp;Listen on:</source>
        <translation>&amp;Lauschen auf:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="50"/>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="50"/>
        <source>kept (%1)</source>
        <translation>beibehalten (%1)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="51"/>
        <source>The bearer token clients must send. Typed here, it is stored in the keychain; the profile keeps only a reference.</source>
        <translation>Das Bearer-Token, das Clients senden müssen. Hier eingegeben, wird es im Schlüsselbund gespeichert; das Profil enthält nur einen Verweis.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="53"/>
        <source>Bearer &amp;token:</source>
        <translation>Bearer-&amp;Token:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="56"/>
        <source>env:VARIABLE or keychain:NAME</source>
        <translation>env:VARIABLE oder keychain:NAME</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="57"/>
        <source>Token &amp;reference:</source>
        <translation>Token-&amp;Verweis:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="59"/>
        <source>loopback origins only</source>
        <translation>nur Loopback-Ursprünge</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="60"/>
        <source>Browser origins allowed beyond http://localhost, comma separated (e.g. https://console.example.com).</source>
        <translation>Browser-Ursprünge, die über http://localhost hinaus erlaubt sind, durch Kommas getrennt (z. B. https://console.example.com).</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="62"/>
        <source>Allowed &amp;origins:</source>
        <translation>Erlaubte &amp;Ursprünge:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="64"/>
        <source>any with a token, loopback names without</source>
        <translation>mit Token alle, ohne nur Loopback-Namen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="65"/>
        <source>Host header values accepted (DNS rebinding protection), comma separated.</source>
        <translation>Akzeptierte Host-Header-Werte (Schutz vor DNS-Rebinding), durch Kommas getrennt.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="67"/>
        <source>Allowed &amp;hosts:</source>
        <translation>Erlaubte &amp;Hosts:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="109"/>
        <source>The address must be ADDRESS:PORT, e.g. 127.0.0.1:8765.</source>
        <translation>Die Adresse muss ADRESSE:PORT sein, z. B. 127.0.0.1:8765.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="113"/>
        <source>A token reference starts with env: or keychain:.</source>
        <translation>Ein Token-Verweis beginnt mit env: oder keychain:.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="115"/>
        <source>%1 is reachable from other machines: set a bearer token.</source>
        <translation>%1 ist von anderen Rechnern erreichbar: ein Bearer-Token festlegen.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="128"/>
        <source>Clients connect to http://%1:%2/mcp%3</source>
        <translation>Clients verbinden sich mit http://%1:%2/mcp%3</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="130"/>
        <source>(a free port)</source>
        <translation>(ein freier Port)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="131"/>
        <source> (this machine only).</source>
        <translation> (nur dieser Rechner).</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/endpointdialog.cpp" line="132"/>
        <source> with the bearer token.</source>
        <translation> mit dem Bearer-Token.</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::EventLogModel</name>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="22"/>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="24"/>
        <source>Task failed</source>
        <translation>Aufgabe fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="26"/>
        <source>Retry</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="28"/>
        <source>Failover</source>
        <translation>Failover</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="30"/>
        <location filename="../ui/models/eventlogmodel.cpp" line="45"/>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="32"/>
        <location filename="../ui/models/eventlogmodel.cpp" line="49"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="34"/>
        <location filename="../ui/models/eventlogmodel.cpp" line="47"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="36"/>
        <source>Server log</source>
        <translation>Server-Log</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/eventlogmodel.cpp" line="64"/>
        <source>%n more event(s) not shown (too many at once)</source>
        <translation>
            <numerusform>%n weiteres Ereignis nicht angezeigt (zu viele auf einmal)</numerusform>
            <numerusform>%n weitere Ereignisse nicht angezeigt (zu viele auf einmal)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="138"/>
        <source>Severity: %1</source>
        <translation>Schweregrad: %1</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="181"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="183"/>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="185"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../ui/models/eventlogmodel.cpp" line="187"/>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::FleetPage</name>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="48"/>
        <source>&amp;Charts</source>
        <translation>Dia&amp;gramme</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="49"/>
        <source>&amp;Events</source>
        <translation>&amp;Ereignisse</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="51"/>
        <source>Pr&amp;otocol</source>
        <translation>Pr&amp;otokoll</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="52"/>
        <source>Cl&amp;ients</source>
        <translation>&amp;Clients</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="81"/>
        <source>Server summary</source>
        <translation>Serverübersicht</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="85"/>
        <source>Queue summary</source>
        <translation>Warteschlangenübersicht</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="87"/>
        <source>S&amp;trategy:</source>
        <translation>S&amp;trategie:</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="89"/>
        <source>Load-balancing strategy</source>
        <translation>Lastverteilungsstrategie</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="92"/>
        <source>Round robin</source>
        <translation>Round Robin</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="92"/>
        <source>Least loaded</source>
        <translation>Geringste Last</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="92"/>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="93"/>
        <source>Weighted round robin</source>
        <translation>Gewichtetes Round Robin</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="93"/>
        <source>Power of two choices</source>
        <translation>Power of Two Choices</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="100"/>
        <location filename="../ui/pages/fleetpage.cpp" line="102"/>
        <source>Pause intake</source>
        <translation>Annahme pausieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="103"/>
        <source>While paused, queued calls wait; running calls finish.</source>
        <translation>Während der Pause warten eingereihte Aufrufe; laufende Aufrufe werden abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="121"/>
        <source>Filter servers (id, URL, status)…</source>
        <translation>Server filtern (ID, URL, Status)…</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="123"/>
        <source>Filter servers</source>
        <translation>Server filtern</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="133"/>
        <source>Servers</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="208"/>
        <source>Filter events…</source>
        <translation>Ereignisse filtern…</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="210"/>
        <source>Filter events</source>
        <translation>Ereignisse filtern</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="313"/>
        <location filename="../ui/pages/fleetpage.cpp" line="346"/>
        <source>Not serving. Pool › Serve as MCP Server… lets any MCP client call the fleet through this pool.</source>
        <translation>Nicht bereitgestellt. Pool › Als MCP-Server bereitstellen… lässt jeden MCP-Client die Flotte über diesen Pool aufrufen.</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="322"/>
        <source>MCP clients of the pool</source>
        <translation>MCP-Clients des Pools</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/fleetpage.cpp" line="338"/>
        <source>Serving MCP at &lt;b&gt;%1&lt;/b&gt; · %n session(s)</source>
        <translation>
            <numerusform>MCP bereitgestellt unter &lt;b&gt;%1&lt;/b&gt; · %n Sitzung</numerusform>
            <numerusform>MCP bereitgestellt unter &lt;b&gt;%1&lt;/b&gt; · %n Sitzungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/fleetpage.cpp" line="340"/>
        <source> · %n stream(s) · %1 refused</source>
        <translation>
            <numerusform> · %n Stream · %1 abgewiesen</numerusform>
            <numerusform> · %n Streams · %1 abgewiesen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="344"/>
        <source>&lt;span style=&apos;color:#d03b3b&apos;&gt;%1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#d03b3b&apos;&gt;%1&lt;/span&gt;</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/fleetpage.cpp" line="359"/>
        <source>&lt;b&gt;%n&lt;/b&gt; server(s) · &lt;span style=&apos;color:#2e9d4f&apos;&gt;%1 healthy&lt;/span&gt; · &lt;span style=&apos;color:#c77c00&apos;&gt;%2 degraded&lt;/span&gt; · &lt;span style=&apos;color:#d03b3b&apos;&gt;%3 offline&lt;/span&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; Server · &lt;span style=&apos;color:#2e9d4f&apos;&gt;%1 gesund&lt;/span&gt; · &lt;span style=&apos;color:#c77c00&apos;&gt;%2 beeinträchtigt&lt;/span&gt; · &lt;span style=&apos;color:#d03b3b&apos;&gt;%3 offline&lt;/span&gt;</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; Server · &lt;span style=&apos;color:#2e9d4f&apos;&gt;%1 gesund&lt;/span&gt; · &lt;span style=&apos;color:#c77c00&apos;&gt;%2 beeinträchtigt&lt;/span&gt; · &lt;span style=&apos;color:#d03b3b&apos;&gt;%3 offline&lt;/span&gt;</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="367"/>
        <source>Queue: &lt;b&gt;%1&lt;/b&gt; pending · &lt;b&gt;%2&lt;/b&gt; in progress · %3 completed · %4 failed · %5 cancelled</source>
        <translation>Warteschlange: &lt;b&gt;%1&lt;/b&gt; wartend · &lt;b&gt;%2&lt;/b&gt; in Bearbeitung · %3 abgeschlossen · %4 fehlgeschlagen · %5 abgebrochen</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="480"/>
        <source>Show All Columns</source>
        <translation>Alle Spalten zeigen</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="186"/>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="216"/>
        <location filename="../ui/pages/fleetpage.cpp" line="232"/>
        <source>Kinds</source>
        <translation>Arten</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="217"/>
        <source>Event kinds shown</source>
        <translation>Angezeigte Ereignisarten</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="218"/>
        <source>Which kinds of events the log shows</source>
        <translation>Welche Arten von Ereignissen das Protokoll zeigt</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="232"/>
        <source>Kinds (filtered)</source>
        <translation>Arten (gefiltert)</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="236"/>
        <source>Show all kinds</source>
        <translation>Alle Arten anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="244"/>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="247"/>
        <source>Events of server</source>
        <translation>Ereignisse des Servers</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="249"/>
        <source>All servers</source>
        <translation>Alle Server</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="255"/>
        <source>Severity:</source>
        <translation>Schweregrad:</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="258"/>
        <source>Least severity shown</source>
        <translation>Mindestschweregrad der Anzeige</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="259"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="260"/>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <location filename="../ui/pages/fleetpage.cpp" line="261"/>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::InputRequestController</name>
    <message>
        <location filename="../ui/controllers/inputrequestcontroller.cpp" line="37"/>
        <source>The operator declined to answer the sampling request.</source>
        <translation>Die Bedienperson hat die Sampling-Anfrage abgelehnt.</translation>
    </message>
    <message>
        <location filename="../ui/controllers/inputrequestcontroller.cpp" line="42"/>
        <source>The monitor does not answer %1 requests.</source>
        <translation>Der Monitor beantwortet keine %1-Anfragen.</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::LiveChart</name>
    <message>
        <location filename="../ui/charts/livechart.cpp" line="23"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::MainWindow</name>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="65"/>
        <source>Exported: %1</source>
        <translation>Exportiert: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="67"/>
        <location filename="../ui/widgets/mainwindow.cpp" line="567"/>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="186"/>
        <source>&amp;Pool</source>
        <translation>&amp;Pool</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="188"/>
        <source>Serve as MCP &amp;Server…</source>
        <translation>Als MCP-&amp;Server bereitstellen…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="221"/>
        <source>F&amp;leet</source>
        <translation>F&amp;lotte</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="227"/>
        <source>Pro&amp;mpts</source>
        <translation>Pro&amp;mpts</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="249"/>
        <source>Server Details</source>
        <translation>Serverdetails</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="286"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="290"/>
        <source>Server &amp;Details</source>
        <translation>Server&amp;details</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="294"/>
        <source>&amp;Toolbar</source>
        <translation>&amp;Werkzeugleiste</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="306"/>
        <source>S&amp;ummary Bar</source>
        <translation>&amp;Übersichtsleiste</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="307"/>
        <source>&amp;Charts and Logs</source>
        <translation>Dia&amp;gramme und Protokolle</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="308"/>
        <source>Status &amp;Bar</source>
        <translation>&amp;Statusleiste</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="309"/>
        <source>Server C&amp;olumns</source>
        <translation>Server-Spa&amp;lten</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="316"/>
        <source>&amp;Reset Layout</source>
        <translation>Layout &amp;zurücksetzen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="318"/>
        <source>Panes, toolbar, splitters and columns as on a first start</source>
        <translation>Bereiche, Werkzeugleiste, Teiler und Spalten wie beim ersten Start</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="320"/>
        <source>&amp;Next Tab</source>
        <translation>&amp;Nächster Reiter</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="323"/>
        <source>&amp;Previous Tab</source>
        <translation>&amp;Vorheriger Reiter</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="346"/>
        <source>Layout reset.</source>
        <translation>Layout zurückgesetzt.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="355"/>
        <source>MCP Pool Monitor</source>
        <translation>MCP Pool Monitor</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="367"/>
        <location filename="../ui/widgets/mainwindow.cpp" line="368"/>
        <source>%1 is offline</source>
        <translation>%1 ist offline</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="371"/>
        <source>%1 is back</source>
        <translation>%1 ist zurück</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="371"/>
        <source>The server answers again.</source>
        <translation>Der Server antwortet wieder.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="372"/>
        <source>%1 is back online</source>
        <translation>%1 ist wieder online</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="380"/>
        <source>Signed in to %1</source>
        <translation>Bei %1 angemeldet</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="380"/>
        <source>The server accepts the monitor&apos;s calls.</source>
        <translation>Der Server nimmt die Aufrufe des Monitors an.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="381"/>
        <source>Signed in to %1.</source>
        <translation>Bei %1 angemeldet.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="384"/>
        <source>Sign-in to %1 failed</source>
        <translation>Anmeldung bei %1 fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="384"/>
        <source>The event log says why.</source>
        <translation>Das Ereignisprotokoll nennt den Grund.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="386"/>
        <source>Sign-in to %1 did not complete; the event log says why.</source>
        <translation>Die Anmeldung bei %1 wurde nicht abgeschlossen; das Ereignisprotokoll nennt den Grund.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="391"/>
        <source>Token storage</source>
        <translation>Token-Speicher</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="395"/>
        <source>Tokens: in memory only (no keychain)</source>
        <translation>Tokens: nur im Speicher (kein Schlüsselbund)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="396"/>
        <source>The OS keychain could not be used (%1). Tokens you type are kept only while the monitor runs; they are never written to the profile or anywhere else.</source>
        <translation>Der Schlüsselbund des Systems war nicht nutzbar (%1). Eingegebene Tokens bleiben nur, solange der Monitor läuft; sie werden nie ins Profil oder anderswohin geschrieben.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="157"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="172"/>
        <source>&amp;Export CSV…</source>
        <translation>CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="173"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="175"/>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="178"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="181"/>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="191"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="192"/>
        <source>&amp;About MCP Pool Monitor</source>
        <translation>&amp;Über MCP Pool Monitor</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="193"/>
        <source>About MCP Pool Monitor</source>
        <translation>Über MCP Pool Monitor</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="194"/>
        <source>&lt;b&gt;MCP Pool Monitor&lt;/b&gt; %1&lt;br&gt;Watches and load-balances a fleet of MCP servers.</source>
        <translation>&lt;b&gt;MCP Pool Monitor&lt;/b&gt; %1&lt;br&gt;Überwacht eine Flotte von MCP-Servern und verteilt die Last auf sie.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="199"/>
        <source>Servers</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="223"/>
        <source>C&amp;all a Tool</source>
        <translation>Tool a&amp;ufrufen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="225"/>
        <source>&amp;Resources</source>
        <translation>&amp;Ressourcen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="422"/>
        <source>Settings applied; statistics kept.</source>
        <translation>Einstellungen übernommen; Statistiken bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="458"/>
        <source>Serving the pool as an MCP server at %1 (see Clients).</source>
        <translation>Der Pool wird als MCP-Server unter %1 bereitgestellt (siehe Clients).</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="460"/>
        <source>The pool is no longer served as an MCP server.</source>
        <translation>Der Pool wird nicht mehr als MCP-Server bereitgestellt.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="567"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="575"/>
        <source>Untitled pool</source>
        <translation>Unbenannter Pool</translation>
    </message>
    <message>
        <location filename="../ui/widgets/mainwindow.cpp" line="576"/>
        <source>%1[*] — MCP Pool Monitor</source>
        <translation>%1[*] — MCP Pool Monitor</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::PoolCharts</name>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="20"/>
        <source>Time win&amp;dow:</source>
        <translation>Zeitfe&amp;nster:</translation>
    </message>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="22"/>
        <source>Chart time window</source>
        <translation>Zeitfenster der Diagramme</translation>
    </message>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="23"/>
        <source>1 minute</source>
        <translation>1 Minute</translation>
    </message>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="24"/>
        <source>15 minutes</source>
        <translation>15 Minuten</translation>
    </message>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="25"/>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="34"/>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="34"/>
        <source>pending</source>
        <translation>wartend</translation>
    </message>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="34"/>
        <source>in progress</source>
        <translation>in Bearbeitung</translation>
    </message>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="34"/>
        <source>tasks</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="35"/>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="35"/>
        <source>answers/s</source>
        <translation>Antworten/s</translation>
    </message>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="35"/>
        <source>errors/s</source>
        <translation>Fehler/s</translation>
    </message>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="35"/>
        <source>per second</source>
        <translation>pro Sekunde</translation>
    </message>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="37"/>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="37"/>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="37"/>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="37"/>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <location filename="../ui/charts/poolcharts.cpp" line="37"/>
        <source>ms</source>
        <translation>ms</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::ProfileActions</name>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="25"/>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="26"/>
        <source>The pool has changes that are not saved. Save them?</source>
        <translation>Der Pool enthält ungespeicherte Änderungen. Sollen sie gespeichert werden?</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="44"/>
        <source>&amp;New Profile</source>
        <translation>&amp;Neues Profil</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="45"/>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="46"/>
        <source>Start an empty pool</source>
        <translation>Mit einem leeren Pool beginnen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="47"/>
        <source>&amp;Open Profile…</source>
        <translation>Profil ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="49"/>
        <source>Open a pool profile, or the servers of claude_desktop_config.json, .mcp.json or VS Code&apos;s mcp.json</source>
        <translation>Ein Pool-Profil öffnen oder die Server aus claude_desktop_config.json, .mcp.json oder der mcp.json von VS Code</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="51"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="55"/>
        <source>&amp;Import Servers…</source>
        <translation>Server &amp;importieren…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="57"/>
        <source>Add the servers of another profile or of an mcpServers file (Claude, VS Code) to this pool</source>
        <translation>Die Server eines anderen Profils oder einer mcpServers-Datei (Claude, VS Code) zu diesem Pool hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="59"/>
        <source>&amp;Save Profile</source>
        <translation>Profil &amp;speichern</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="61"/>
        <source>Save Profile &amp;As…</source>
        <translation>Profil speichern &amp;unter…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="71"/>
        <location filename="../ui/widgets/profileactions.cpp" line="86"/>
        <location filename="../ui/widgets/profileactions.cpp" line="93"/>
        <location filename="../ui/widgets/profileactions.cpp" line="223"/>
        <source>Open Profile</source>
        <translation>Profil öffnen</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/profileactions.cpp" line="81"/>
        <source>Read %n server(s) from %1; Save writes them as a pool profile (it asks where).</source>
        <translation>
            <numerusform>%n Server aus %1 gelesen; Speichern schreibt sie als Pool-Profil (und fragt, wohin).</numerusform>
            <numerusform>%n Server aus %1 gelesen; Speichern schreibt sie als Pool-Profil (und fragt, wohin).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="87"/>
        <source>Some settings of %1 were not taken as they are.</source>
        <translation>Einige Einstellungen aus %1 wurden nicht unverändert übernommen.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="107"/>
        <source>New, empty pool: add servers, then save the profile.</source>
        <translation>Neuer, leerer Pool: Server hinzufügen, dann das Profil speichern.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="115"/>
        <source>Open Recent Profile</source>
        <translation>Zuletzt geöffnetes Profil öffnen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="116"/>
        <source>The profile %1 no longer exists. It was removed from the list of recent profiles.</source>
        <translation>Das Profil %1 existiert nicht mehr. Es wurde aus der Liste der zuletzt geöffneten Profile entfernt.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="135"/>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="145"/>
        <source>&amp;Clear Menu</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="166"/>
        <location filename="../ui/widgets/profileactions.cpp" line="191"/>
        <location filename="../ui/widgets/profileactions.cpp" line="213"/>
        <source>Import Servers</source>
        <translation>Server importieren</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/profileactions.cpp" line="188"/>
        <location filename="../ui/widgets/profileactions.cpp" line="192"/>
        <source>Imported %n server(s) from %1.</source>
        <translation>
            <numerusform>%n Server aus %1 importiert.</numerusform>
            <numerusform>%n Server aus %1 importiert.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="190"/>
        <source>The id was already in the pool: %1</source>
        <translation>Die ID war schon im Pool: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="214"/>
        <location filename="../ui/widgets/profileactions.cpp" line="225"/>
        <source>Profiles and MCP server lists (*.json);;All files (*)</source>
        <translation>Profile und MCP-Serverlisten (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="235"/>
        <location filename="../ui/widgets/profileactions.cpp" line="248"/>
        <source>Save Profile</source>
        <translation>Profil speichern</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="237"/>
        <source>Pool profiles (*.json)</source>
        <translation>Pool-Profile (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/profileactions.cpp" line="251"/>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::PromptsPage</name>
    <message>
        <location filename="../ui/pages/promptspage.cpp" line="42"/>
        <source>Prompts of the pool</source>
        <translation>Prompts des Pools</translation>
    </message>
    <message>
        <location filename="../ui/pages/promptspage.cpp" line="51"/>
        <location filename="../ui/pages/promptspage.cpp" line="138"/>
        <source>Pick a prompt on the left.</source>
        <translation>Wählen Sie links einen Prompt.</translation>
    </message>
    <message>
        <location filename="../ui/pages/promptspage.cpp" line="66"/>
        <source>Server to ask</source>
        <translation>Zu fragender Server</translation>
    </message>
    <message>
        <location filename="../ui/pages/promptspage.cpp" line="44"/>
        <source>Refresh Promp&amp;ts</source>
        <translation>Prompts ak&amp;tualisieren</translation>
    </message>
    <message>
        <location filename="../ui/pages/promptspage.cpp" line="67"/>
        <source>S&amp;erver:</source>
        <translation>S&amp;erver:</translation>
    </message>
    <message>
        <location filename="../ui/pages/promptspage.cpp" line="70"/>
        <source>R&amp;un Prompt</source>
        <translation>Prompt aus&amp;führen</translation>
    </message>
    <message>
        <location filename="../ui/pages/promptspage.cpp" line="80"/>
        <source>Prompt messages</source>
        <translation>Nachrichten des Prompts</translation>
    </message>
    <message>
        <location filename="../ui/pages/promptspage.cpp" line="152"/>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <location filename="../ui/pages/promptspage.cpp" line="152"/>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../ui/pages/promptspage.cpp" line="166"/>
        <source>%1 *:</source>
        <translation>%1 *:</translation>
    </message>
    <message>
        <location filename="../ui/pages/promptspage.cpp" line="166"/>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <location filename="../ui/pages/promptspage.cpp" line="174"/>
        <source>No arguments.</source>
        <translation>Keine Argumente.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/promptspage.cpp" line="175"/>
        <source>%n argument(s); * = required.</source>
        <translation>
            <numerusform>%n Argument; * = erforderlich.</numerusform>
            <numerusform>%n Argumente; * = erforderlich.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/pages/promptspage.cpp" line="201"/>
        <source>Fill in: %1</source>
        <translation>Bitte ausfüllen: %1</translation>
    </message>
    <message>
        <location filename="../ui/pages/promptspage.cpp" line="207"/>
        <source>Asking for %1 …</source>
        <translation>Frage %1 an …</translation>
    </message>
    <message>
        <location filename="../ui/pages/promptspage.cpp" line="220"/>
        <source>Failed on %1: %2</source>
        <translation>Fehlgeschlagen auf %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/pages/promptspage.cpp" line="228"/>
        <source>(%1)</source>
        <translation>(%1)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/pages/promptspage.cpp" line="238"/>
        <source>%n message(s) from %1.</source>
        <translation>
            <numerusform>%n Nachricht von %1.</numerusform>
            <numerusform>%n Nachrichten von %1.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/pages/promptspage.cpp" line="269"/>
        <source>No completions: %1</source>
        <translation>Keine Vervollständigungen: %1</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::ProtocolModel</name>
    <message numerus="yes">
        <location filename="../ui/models/protocolmodel.cpp" line="20"/>
        <source>%n message(s) not shown (too many at once)</source>
        <translation>
            <numerusform>%n Nachricht nicht angezeigt (zu viele auf einmal)</numerusform>
            <numerusform>%n Nachrichten nicht angezeigt (zu viele auf einmal)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/models/protocolmodel.cpp" line="70"/>
        <source>answer</source>
        <translation>Antwort</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::ProtocolView</name>
    <message>
        <location filename="../ui/widgets/protocolview.cpp" line="28"/>
        <source>&amp;Watch server:</source>
        <translation>Server &amp;beobachten:</translation>
    </message>
    <message>
        <location filename="../ui/widgets/protocolview.cpp" line="30"/>
        <source>Server whose traffic is shown</source>
        <translation>Server, dessen Verkehr angezeigt wird</translation>
    </message>
    <message>
        <location filename="../ui/widgets/protocolview.cpp" line="31"/>
        <location filename="../ui/widgets/protocolview.cpp" line="80"/>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/protocolview.cpp" line="33"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location filename="../ui/widgets/protocolview.cpp" line="34"/>
        <source>Cop&amp;y Message</source>
        <translation>Nachricht kop&amp;ieren</translation>
    </message>
    <message>
        <location filename="../ui/widgets/protocolview.cpp" line="43"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location filename="../ui/widgets/protocolview.cpp" line="47"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location filename="../ui/widgets/protocolview.cpp" line="49"/>
        <source>Secrets (tokens, passwords, keys) are masked.</source>
        <translation>Geheimnisse (Tokens, Passwörter, Schlüssel) werden maskiert.</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::ResourceBrowser</name>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="41"/>
        <source>URI or template</source>
        <translation>URI oder Vorlage</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="41"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="41"/>
        <source>Servers</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="42"/>
        <source>Resources of the pool</source>
        <translation>Ressourcen des Pools</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="57"/>
        <source>&amp;URI:</source>
        <translation>UR&amp;I:</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="60"/>
        <source>Resource URI</source>
        <translation>Ressourcen-URI</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="61"/>
        <source>Pick a resource, or fill in a template&apos;s {variables}</source>
        <translation>Ressource wählen oder die {Variablen} einer Vorlage ausfüllen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="64"/>
        <source>Where to read from</source>
        <translation>Wovon gelesen wird</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="66"/>
        <source>R&amp;ead</source>
        <translation>L&amp;esen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="70"/>
        <source>Su&amp;bscribe</source>
        <translation>A&amp;bonnieren</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="72"/>
        <source>Get the server&apos;s updates of this resource: they show in the event log, and the resource is read again when it is shown here.</source>
        <translation>Änderungen dieser Ressource vom Server erhalten: Sie erscheinen im Ereignisprotokoll, und die Ressource wird neu gelesen, wenn sie hier angezeigt wird.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="87"/>
        <source>Resource contents</source>
        <translation>Inhalt der Ressource</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="101"/>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="113"/>
        <source>The pool</source>
        <translation>Der Pool</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="103"/>
        <source>Only %1</source>
        <translation>Nur %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="127"/>
        <source>Resources (%1)</source>
        <translation>Ressourcen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="139"/>
        <source>Templates (%1)</source>
        <translation>Vorlagen (%1)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="209"/>
        <source>Fill in the template&apos;s {variables} first.</source>
        <translation>Zuerst die {Variablen} der Vorlage ausfüllen.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="215"/>
        <source>Reading %1 …</source>
        <translation>%1 wird gelesen …</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="235"/>
        <source>Could not read it (%1): %2</source>
        <translation>Lesen fehlgeschlagen (%1): %2</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="184"/>
        <source>[binary: %1 bytes of %2 — use Save Contents]</source>
        <translation>[binär: %1 Bytes %2 — mit „Inhalt speichern“ sichern]</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="46"/>
        <source>Refresh Resour&amp;ces</source>
        <translation>Ressourcen a&amp;ktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="68"/>
        <source>Save Co&amp;ntents…</source>
        <translation>I&amp;nhalt speichern…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="186"/>
        <source>unknown type</source>
        <translation>unbekannter Typ</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/resourcebrowser.cpp" line="247"/>
        <source>%n part(s) from %1 in %2 ms</source>
        <translation>
            <numerusform>%n Teil von %1 in %2 ms</numerusform>
            <numerusform>%n Teile von %1 in %2 ms</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="290"/>
        <source>Subscribed to %1.</source>
        <translation>%1 abonniert.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="294"/>
        <source>Unsubscribed from %1.</source>
        <translation>Abo von %1 beendet.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="304"/>
        <source>%1 was updated on %2.</source>
        <translation>%1 wurde auf %2 geändert.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="311"/>
        <location filename="../ui/widgets/resourcebrowser.cpp" line="323"/>
        <source>Save Contents</source>
        <translation>Inhalt speichern</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::ResultView</name>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="64"/>
        <source>Result text</source>
        <translation>Ergebnistext</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="77"/>
        <source>structuredContent</source>
        <translation>structuredContent</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="77"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="78"/>
        <source>Structured content</source>
        <translation>Strukturierter Inhalt</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="84"/>
        <source>Save Full Result…</source>
        <translation>Vollständiges Ergebnis speichern…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="120"/>
        <source>&lt;b&gt;The call failed&lt;/b&gt; (%1, %2 ms): %3</source>
        <translation>&lt;b&gt;Der Aufruf ist fehlgeschlagen&lt;/b&gt; (%1, %2 ms): %3</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="124"/>
        <source>&lt;b&gt;The call failed&lt;/b&gt; (%1 on %2, %3 ms): %4</source>
        <translation>&lt;b&gt;Der Aufruf ist fehlgeschlagen&lt;/b&gt; (%1 auf %2, %3 ms): %4</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="140"/>
        <source>&lt;b&gt;Cancelled&lt;/b&gt; after %1 ms</source>
        <translation>&lt;b&gt;Abgebrochen&lt;/b&gt; nach %1 ms</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="141"/>
        <source>&lt;b&gt;Cancelled&lt;/b&gt; on %1 after %2 ms</source>
        <translation>&lt;b&gt;Abgebrochen&lt;/b&gt; auf %1 nach %2 ms</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="147"/>
        <source>The call was cancelled; no result.</source>
        <translation>Der Aufruf wurde abgebrochen; kein Ergebnis.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="160"/>
        <source>&lt;b&gt;The tool reported an error&lt;/b&gt; (isError) — from %1 in %2 ms</source>
        <translation>&lt;b&gt;Das Tool hat einen Fehler gemeldet&lt;/b&gt; (isError) — von %1 in %2 ms</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="163"/>
        <source>Answered by &lt;b&gt;%1&lt;/b&gt; in %2 ms</source>
        <translation>Beantwortet von &lt;b&gt;%1&lt;/b&gt; in %2 ms</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="179"/>
        <source>Image result</source>
        <translation>Bildergebnis</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="183"/>
        <source>[image %1, %2 bytes]</source>
        <translation>[Bild %1, %2 Bytes]</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="188"/>
        <source>Save audio (%1, %2 bytes)…</source>
        <translation>Audio speichern (%1, %2 Bytes)…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="191"/>
        <source>Save Audio</source>
        <translation>Audio speichern</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="199"/>
        <source>[audio %1, %2 bytes]</source>
        <translation>[Audio %1, %2 Bytes]</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="203"/>
        <source>[resource link] %1 %2</source>
        <translation>[Ressourcenverweis] %1 %2</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="208"/>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="210"/>
        <source>Read %1 in Resources</source>
        <translation>%1 unter Ressourcen lesen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="211"/>
        <source>Open resource link</source>
        <translation>Ressourcen-Link öffnen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="218"/>
        <source>[embedded resource] %1</source>
        <translation>[eingebettete Ressource] %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="234"/>
        <source>
… (%1 more characters: use Save Full Result)</source>
        <translation>
… (%1 weitere Zeichen: „Vollständiges Ergebnis speichern“ verwenden)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="251"/>
        <source>the outputSchema is unusable: %1</source>
        <translation>das outputSchema ist unbrauchbar: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="260"/>
        <source>✔ structuredContent matches the outputSchema</source>
        <translation>✔ structuredContent entspricht dem outputSchema</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="261"/>
        <source>✘ structuredContent does not match the outputSchema:
%1</source>
        <translation>✘ structuredContent entspricht nicht dem outputSchema:
%1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="269"/>
        <source>structuredContent is missing although the tool declares an outputSchema</source>
        <translation>structuredContent fehlt, obwohl das Tool ein outputSchema deklariert</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="291"/>
        <location filename="../ui/widgets/resultview.cpp" line="297"/>
        <location filename="../ui/widgets/resultview.cpp" line="302"/>
        <source>Save Full Result</source>
        <translation>Vollständiges Ergebnis speichern</translation>
    </message>
    <message>
        <location filename="../ui/widgets/resultview.cpp" line="292"/>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::SamplingDialog</name>
    <message>
        <location filename="../ui/dialogs/samplingdialog.cpp" line="32"/>
        <source>[%1, %2]</source>
        <translation>[%1, %2]</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/samplingdialog.cpp" line="33"/>
        <source>[%1 content]</source>
        <translation>[Inhalt %1]</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/samplingdialog.cpp" line="33"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/samplingdialog.cpp" line="40"/>
        <source>Server Asks for a Completion</source>
        <translation>Server bittet um eine Modellantwort</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/samplingdialog.cpp" line="45"/>
        <source>Server %1 asks for a model reply (sampling). You answer it yourself: what you send goes back to the server as the model&apos;s message.</source>
        <translation>Server %1 bittet um eine Modellantwort (Sampling). Sie antworten selbst: Was Sie senden, geht als Nachricht des Modells an den Server zurück.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/samplingdialog.cpp" line="64"/>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/samplingdialog.cpp" line="69"/>
        <source>System prompt:</source>
        <translation>System-Prompt:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/samplingdialog.cpp" line="72"/>
        <source>Max tokens:</source>
        <translation>Max. Tokens:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/samplingdialog.cpp" line="75"/>
        <source>&amp;Messages:</source>
        <translation>&amp;Nachrichten:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/samplingdialog.cpp" line="83"/>
        <source>&amp;Reply:</source>
        <translation>&amp;Antwort:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/samplingdialog.cpp" line="86"/>
        <source>The assistant&apos;s reply, as you would have the model answer</source>
        <translation>Die Antwort des Assistenten, so wie das Modell antworten soll</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/samplingdialog.cpp" line="92"/>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/samplingdialog.cpp" line="93"/>
        <source>&amp;Decline</source>
        <translation>A&amp;blehnen</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::SchemaForm</name>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="81"/>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="92"/>
        <source>more than one value</source>
        <translation>mehr als ein Wert</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="309"/>
        <source>date and time, e.g. 2025-01-31T13:45:00Z</source>
        <translation>Datum und Uhrzeit, z. B. 2025-01-31T13:45:00Z</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="311"/>
        <source>date, e.g. 2025-01-31</source>
        <translation>Datum, z. B. 2025-01-31</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="313"/>
        <source>time, e.g. 13:45:00Z</source>
        <translation>Uhrzeit, z. B. 13:45:00Z</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="315"/>
        <source>duration, e.g. P1DT2H</source>
        <translation>Dauer, z. B. P1DT2H</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="317"/>
        <source>e-mail address, e.g. name@example.com</source>
        <translation>E-Mail-Adresse, z. B. name@example.com</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="320"/>
        <source>URI, e.g. https://example.com/</source>
        <translation>URI, z. B. https://example.com/</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="322"/>
        <source>UUID, e.g. 123e4567-e89b-12d3-a456-426614174000</source>
        <translation>UUID, z. B. 123e4567-e89b-12d3-a456-426614174000</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="324"/>
        <source>host name, e.g. example.com</source>
        <translation>Hostname, z. B. example.com</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="326"/>
        <source>IPv4 address, e.g. 192.0.2.1</source>
        <translation>IPv4-Adresse, z. B. 192.0.2.1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="328"/>
        <source>IPv6 address, e.g. 2001:db8::1</source>
        <translation>IPv6-Adresse, z. B. 2001:db8::1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="330"/>
        <source>regular expression</source>
        <translation>regulärer Ausdruck</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="451"/>
        <source>whole number</source>
        <translation>ganze Zahl</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="554"/>
        <source>false</source>
        <translation>falsch</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="553"/>
        <source>true</source>
        <translation>wahr</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="552"/>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="556"/>
        <source>Click to choose: not set (left out), true, false</source>
        <translation>Klicken zum Wählen: nicht gesetzt (weggelassen), true, false</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="688"/>
        <source>JSON value</source>
        <translation>JSON-Wert</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="709"/>
        <source>Edited as JSON: %1</source>
        <translation>Als JSON bearbeitet: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="743"/>
        <source>Not valid JSON: %1</source>
        <translation>Kein gültiges JSON: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="776"/>
        <source>Key: %1</source>
        <translation>Schlüssel: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="778"/>
        <source>Pattern: %1</source>
        <translation>Muster: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="779"/>
        <source>Required</source>
        <translation>Erforderlich</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="780"/>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="784"/>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="792"/>
        <source>Include %1</source>
        <translation>%1 einbeziehen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="937"/>
        <source>Also sent, from the JSON tab: %1</source>
        <translation>Zusätzlich gesendet, aus dem JSON-Reiter: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="959"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="1018"/>
        <source>Add item to %1</source>
        <translation>Element zu %1 hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="1064"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="1091"/>
        <source>%1, item %2</source>
        <translation>%1, Element %2</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="1093"/>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="1248"/>
        <source>Arguments</source>
        <translation>Argumente</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="1249"/>
        <source>%1: kind</source>
        <translation>%1: Art</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="1336"/>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="1342"/>
        <source>Arguments as JSON</source>
        <translation>Argumente als JSON</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="1348"/>
        <source>JSON error</source>
        <translation>JSON-Fehler</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="1351"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="1356"/>
        <source>Problems with the arguments</source>
        <translation>Probleme mit den Argumenten</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="1395"/>
        <source>the schema nests deeper than %1 JSON levels</source>
        <translation>das Schema ist tiefer als %1 JSON-Ebenen verschachtelt</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="1397"/>
        <source>the schema is malformed: %1</source>
        <translation>das Schema ist fehlerhaft: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="1499"/>
        <source>raw JSON is not an object: %1 (at character %2)</source>
        <translation>das rohe JSON ist kein Objekt: %1 (bei Zeichen %2)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="1502"/>
        <source>raw JSON is not an object: it is an array</source>
        <translation>das rohe JSON ist kein Objekt, sondern ein Array</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/schemaform.cpp" line="1538"/>
        <source>... and %n more</source>
        <translation>
            <numerusform>... und %n weiteres</numerusform>
            <numerusform>... und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="1572"/>
        <source>This schema cannot be shown as a form: %1. Edit the arguments in the JSON tab.</source>
        <translation>Dieses Schema kann nicht als Formular angezeigt werden: %1. Die Argumente im JSON-Reiter bearbeiten.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/schemaform.cpp" line="1577"/>
        <source>The JSON tab holds values this form cannot show; the arguments are taken from there. Editing the form replaces them.</source>
        <translation>Der JSON-Reiter enthält Werte, die dieses Formular nicht anzeigen kann; die Argumente werden von dort übernommen. Eine Bearbeitung des Formulars ersetzt sie.</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::SecretCellDelegate</name>
    <message>
        <location filename="../ui/dialogs/secretcelldelegate.cpp" line="29"/>
        <source>env:VARIABLE, keychain:NAME or the secret</source>
        <translation>env:VARIABLE, keychain:NAME oder das Geheimnis</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::SecretsController</name>
    <message>
        <location filename="../ui/controllers/secretscontroller.cpp" line="76"/>
        <source>Token saved in the keychain.</source>
        <translation>Token im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/controllers/secretscontroller.cpp" line="77"/>
        <source>Token kept in memory for this run.</source>
        <translation>Token nur für diese Sitzung im Speicher.</translation>
    </message>
    <message>
        <location filename="../ui/controllers/secretscontroller.cpp" line="103"/>
        <source>Client secret saved in the keychain.</source>
        <translation>Client-Geheimnis im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/controllers/secretscontroller.cpp" line="104"/>
        <source>Client secret kept in memory for this run.</source>
        <translation>Client-Geheimnis nur für diese Sitzung im Speicher behalten.</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::ServerActions</name>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="63"/>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="64"/>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="66"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="69"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="70"/>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="72"/>
        <source>&amp;Drain</source>
        <translation>&amp;Leerlaufen lassen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="74"/>
        <source>No new work for this server; running calls finish</source>
        <translation>Keine neue Arbeit für diesen Server; laufende Aufrufe werden beendet</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="79"/>
        <source>Di&amp;sable</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="82"/>
        <source>No new work, no health checks; the session closes once running calls end</source>
        <translation>Keine neue Arbeit, keine Zustandsprüfungen; die Sitzung wird geschlossen, sobald laufende Aufrufe enden</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="90"/>
        <source>Tr&amp;ust Certificate…</source>
        <translation>Zertifikat &amp;vertrauen…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="92"/>
        <source>Re&amp;connect Now</source>
        <translation>Jetzt &amp;neu verbinden</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="95"/>
        <source>Restart Process</source>
        <translation>Prozess neu starten</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="97"/>
        <source>Stop the local server&apos;s process and start it again (also after it gave up)</source>
        <translation>Den Prozess des lokalen Servers beenden und neu starten (auch nachdem er aufgegeben wurde)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="100"/>
        <source>&amp;Ping</source>
        <translation>&amp;Ping</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="101"/>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="104"/>
        <source>Change &amp;Token…</source>
        <translation>&amp;Token ändern…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="106"/>
        <source>Sign &amp;In</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="107"/>
        <source>Sign in to the server with OAuth: its sign-in page opens in your browser</source>
        <translation>Mit OAuth beim Server anmelden: Seine Anmeldeseite öffnet sich im Browser</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="111"/>
        <source>Sign &amp;Out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="112"/>
        <source>Forget the server&apos;s OAuth tokens; it needs a sign-in again</source>
        <translation>Die OAuth-Tokens des Servers verwerfen; danach ist eine neue Anmeldung nötig</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="173"/>
        <location filename="../ui/widgets/serveractions.cpp" line="193"/>
        <source>Add Server</source>
        <translation>Server hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="194"/>
        <location filename="../ui/widgets/serveractions.cpp" line="235"/>
        <source>A server with the id %1 is already in the pool.</source>
        <translation>Ein Server mit der ID %1 ist bereits im Pool.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="210"/>
        <source>Remove Server</source>
        <translation>Server entfernen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="211"/>
        <source>Remove %1 from the pool? Its queued and running calls move to other servers.</source>
        <translation>%1 aus dem Pool entfernen? Seine wartenden und laufenden Aufrufe werden auf andere Server verlagert.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="228"/>
        <source>Edit Server %1</source>
        <translation>Server %1 bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="234"/>
        <source>Edit Server</source>
        <translation>Server bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="266"/>
        <source>Change Token</source>
        <translation>Token ändern</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="267"/>
        <source>New bearer token for %1 (calls running now finish with the old one):</source>
        <translation>Neues Bearer-Token für %1 (laufende Aufrufe enden mit dem alten):</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serveractions.cpp" line="291"/>
        <source>%1: certificate pinned; connecting again</source>
        <translation>%1: Zertifikat festgelegt; neue Verbindung wird aufgebaut</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::ServerCharts</name>
    <message>
        <location filename="../ui/charts/servercharts.cpp" line="20"/>
        <source>Time window:</source>
        <translation>Zeitfenster:</translation>
    </message>
    <message>
        <location filename="../ui/charts/servercharts.cpp" line="22"/>
        <source>Server chart time window</source>
        <translation>Zeitfenster der Serverdiagramme</translation>
    </message>
    <message>
        <location filename="../ui/charts/servercharts.cpp" line="23"/>
        <source>1 minute</source>
        <translation>1 Minute</translation>
    </message>
    <message>
        <location filename="../ui/charts/servercharts.cpp" line="24"/>
        <source>5 minutes</source>
        <translation>5 Minuten</translation>
    </message>
    <message>
        <location filename="../ui/charts/servercharts.cpp" line="25"/>
        <source>15 minutes</source>
        <translation>15 Minuten</translation>
    </message>
    <message>
        <location filename="../ui/charts/servercharts.cpp" line="34"/>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <location filename="../ui/charts/servercharts.cpp" line="34"/>
        <source>requests/s</source>
        <translation>Anfragen/s</translation>
    </message>
    <message>
        <location filename="../ui/charts/servercharts.cpp" line="34"/>
        <source>errors/s</source>
        <translation>Fehler/s</translation>
    </message>
    <message>
        <location filename="../ui/charts/servercharts.cpp" line="34"/>
        <source>per second</source>
        <translation>pro Sekunde</translation>
    </message>
    <message>
        <location filename="../ui/charts/servercharts.cpp" line="38"/>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <location filename="../ui/charts/servercharts.cpp" line="38"/>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <location filename="../ui/charts/servercharts.cpp" line="38"/>
        <source>Latency, calls of the last 10 s</source>
        <translation>Latenz, Aufrufe der letzten 10 s</translation>
    </message>
    <message>
        <location filename="../ui/charts/servercharts.cpp" line="39"/>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <location filename="../ui/charts/servercharts.cpp" line="40"/>
        <source>Server throughput</source>
        <translation>Serverdurchsatz</translation>
    </message>
    <message>
        <location filename="../ui/charts/servercharts.cpp" line="41"/>
        <source>Server latency</source>
        <translation>Serverlatenz</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::ServerDetailPane</name>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="79"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="80"/>
        <source>Refresh server details</source>
        <translation>Serverdetails aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="82"/>
        <source>Fetch the server&apos;s details again (F5)</source>
        <translation>Die Angaben des Servers neu abrufen (F5)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="102"/>
        <source>Capability</source>
        <translation>Fähigkeit</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="102"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="102"/>
        <source>Capabilities</source>
        <translation>Fähigkeiten</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="106"/>
        <source>Server instructions</source>
        <translation>Serveranweisungen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="107"/>
        <source>The server gave no instructions.</source>
        <translation>Der Server hat keine Anweisungen geliefert.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="109"/>
        <source>Instructions:</source>
        <translation>Anweisungen:</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="111"/>
        <source>Overview</source>
        <translation>Überblick</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="113"/>
        <source>Server charts</source>
        <translation>Serverdiagramme</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="114"/>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="115"/>
        <source>Tool</source>
        <translation>Tool</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="115"/>
        <source>Hints</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="115"/>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="120"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="115"/>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="116"/>
        <source>Tools</source>
        <translation>Tools</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="118"/>
        <source>URI or template</source>
        <translation>URI oder Vorlage</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="118"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="118"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="118"/>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="119"/>
        <source>Resources</source>
        <translation>Ressourcen</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="120"/>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="120"/>
        <source>Arguments</source>
        <translation>Argumente</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="120"/>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="121"/>
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="122"/>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="125"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="122"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="122"/>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="122"/>
        <source>Health history</source>
        <translation>Zustandsverlauf</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="123"/>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="125"/>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="125"/>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="125"/>
        <source>Recent errors</source>
        <translation>Letzte Fehler</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="126"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="131"/>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="414"/>
        <source>Process</source>
        <translation>Prozess</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="140"/>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="225"/>
        <source>Sign-in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="150"/>
        <source>Sign-in state</source>
        <translation>Anmeldestatus</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="151"/>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="152"/>
        <source>Granted scopes</source>
        <translation>Gewährte Scopes</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="153"/>
        <source>Access token expires</source>
        <translation>Ablauf des Zugriffstokens</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="154"/>
        <source>State:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="155"/>
        <source>Issuer:</source>
        <translation>Aussteller:</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="156"/>
        <source>Scopes:</source>
        <translation>Scopes:</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="157"/>
        <source>Expires:</source>
        <translation>Läuft ab:</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="158"/>
        <source>Tokens are kept in the OS keychain (or in memory when there is none); they are never shown, logged or written to the profile.</source>
        <translation>Tokens liegen im Schlüsselbund des Betriebssystems (ohne einen solchen nur im Speicher); sie werden nie angezeigt, protokolliert oder ins Profil geschrieben.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="163"/>
        <source>Si&amp;gn In</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="165"/>
        <source>Sign Out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="416"/>
        <source>Command: %1</source>
        <translation>Befehl: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="417"/>
        <source>PID %1, %2</source>
        <translation>PID %1, %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/serverdetailpane.cpp" line="418"/>
        <source>, %n restart(s)</source>
        <translation>
            <numerusform>, %n Neustart</numerusform>
            <numerusform>, %n Neustarts</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="420"/>
        <source>Last exit: %1</source>
        <translation>Letztes Ende: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="423"/>
        <source>Nothing on stderr yet.</source>
        <translation>Noch nichts auf stderr.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/serverdetailpane.cpp" line="425"/>
        <source>Its stderr (the last %n line(s)):</source>
        <translation>
            <numerusform>Seine stderr-Ausgabe (die letzte Zeile):</numerusform>
            <numerusform>Seine stderr-Ausgabe (die letzten %n Zeilen):</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="164"/>
        <source>Opens the server&apos;s sign-in page in your browser</source>
        <translation>Öffnet die Anmeldeseite des Servers im Browser</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="166"/>
        <source>Forgets this server&apos;s tokens; it needs a sign-in again</source>
        <translation>Verwirft die Tokens dieses Servers; danach ist eine neue Anmeldung nötig</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="189"/>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="191"/>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="193"/>
        <source>Refreshing the token…</source>
        <translation>Token wird erneuert…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="195"/>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="202"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="207"/>
        <source>%1 (expired)</source>
        <translation>%1 (abgelaufen)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="209"/>
        <source>%1 (in less than a minute)</source>
        <translation>%1 (in weniger als einer Minute)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/serverdetailpane.cpp" line="210"/>
        <source>%1 (in %n min)</source>
        <translation>
            <numerusform>%1 (in %n Min.)</numerusform>
            <numerusform>%1 (in %n Min.)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="227"/>
        <source>not known yet</source>
        <translation>noch nicht bekannt</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="230"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="298"/>
        <source>&lt;b&gt;No server selected&lt;/b&gt;</source>
        <translation>&lt;b&gt;Kein Server ausgewählt&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="299"/>
        <source>Select a server in the table to see what it offers and how it has been doing.</source>
        <translation>Einen Server in der Tabelle auswählen, um zu sehen, was er anbietet und wie er sich bisher verhalten hat.</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="330"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="333"/>
        <source>protocol %1</source>
        <translation>Protokoll %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="335"/>
        <source>transport %1</source>
        <translation>Transport %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="337"/>
        <source>session %1</source>
        <translation>Sitzung %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/widgets/serverdetailpane.cpp" line="339"/>
        <source>%n failure(s) in a row</source>
        <translation>
            <numerusform>%n Fehlschlag in Folge</numerusform>
            <numerusform>%n Fehlschläge in Folge</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="341"/>
        <source>reconnect attempt %1</source>
        <translation>Wiederverbindungsversuch %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="344"/>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="346"/>
        <source>Could not list %1</source>
        <translation>Auflisten fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/widgets/serverdetailpane.cpp" line="386"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::ServerDialog</name>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="42"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="46"/>
        <source>e.g. worker-1</source>
        <translation>z. B. worker-1</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="47"/>
        <source>U&amp;RL (HTTP)</source>
        <translation>U&amp;RL (HTTP)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="50"/>
        <source>&amp;Local command (stdio)</source>
        <translation>&amp;Lokaler Befehl (stdio)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="52"/>
        <source>Run the server here as local processes that speak MCP on their standard input and output; each replica is one worker of the pool.</source>
        <translation>Den Server hier als lokale Prozesse ausführen, die MCP über ihre Standardein- und -ausgabe sprechen; jedes Replikat ist ein Worker des Pools.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="69"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="73"/>
        <location filename="../ui/dialogs/serverdialog.cpp" line="77"/>
        <source>no limit</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="76"/>
        <source> calls/s</source>
        <translation> Aufrufe/s</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="78"/>
        <source>Client-side rate limit: the queue holds work rather than start more calls per second on this server.</source>
        <translation>Clientseitiges Ratenlimit: Die Warteschlange hält Arbeit zurück, statt mehr Aufrufe pro Sekunde auf diesem Server zu starten.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="82"/>
        <source>same as the rate</source>
        <translation>wie die Rate</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="84"/>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="85"/>
        <source>Automatic (2026-07-28 first, then 2025)</source>
        <translation>Automatisch (zuerst 2026-07-28, dann 2025)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="86"/>
        <source>2026-07-28 only</source>
        <translation>Nur 2026-07-28</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="87"/>
        <source>2025 and earlier only</source>
        <translation>Nur 2025 und früher</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="88"/>
        <source>Which MCP era to speak: automatic asks server/discover and falls back to initialize for servers of 2025 and earlier.</source>
        <translation>Welche MCP-Ära gesprochen wird: Automatisch fragt server/discover und weicht bei Servern von 2025 und früher auf initialize aus.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="91"/>
        <source>PEM file of a private CA (https, optional)</source>
        <translation>PEM-Datei einer privaten CA (https, optional)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="92"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="95"/>
        <source>CA Certificates</source>
        <translation>CA-Zertifikate</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="96"/>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="105"/>
        <source>SHA-256 fingerprint AB:CD:… (https, optional)</source>
        <translation>SHA-256-Fingerabdruck AB:CD:… (https, optional)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="106"/>
        <source>Trust exactly the certificate with this fingerprint, e.g. a self-signed one; any other certificate is refused.</source>
        <translation>Genau dem Zertifikat mit diesem Fingerabdruck vertrauen, z. B. einem selbstsignierten; jedes andere Zertifikat wird abgelehnt.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="109"/>
        <location filename="../ui/dialogs/serverdialog.cpp" line="127"/>
        <source>env:VARIABLE or keychain:NAME (optional)</source>
        <translation>env:VARIABLE oder keychain:NAME (optional)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="112"/>
        <source>Bearer token</source>
        <translation>Bearer-Token</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="114"/>
        <source>or type the token: it goes to the OS keychain, never to the profile</source>
        <translation>oder Token eingeben: es kommt in den Schlüsselbund, nie ins Profil</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="117"/>
        <source>Use OAut&amp;h when the server asks</source>
        <translation>OAut&amp;h verwenden, wenn der Server danach verlangt</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="119"/>
        <source>A server without a token that answers 401 is signed in to with OAuth 2.1 (discovery, registration, sign-in in the browser). Off: a 401 is an error.</source>
        <translation>Bei einem Server ohne Token, der mit 401 antwortet, wird die Anmeldung per OAuth 2.1 durchgeführt (Erkennung, Registrierung, Anmeldung im Browser). Aus: Ein 401 ist ein Fehler.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="122"/>
        <source>OAuth client</source>
        <translation>OAuth-Client</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="125"/>
        <source>pre-registered client id (optional)</source>
        <translation>vorab registrierte Client-ID (optional)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="130"/>
        <source>Client secret</source>
        <translation>Client-Geheimnis</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="132"/>
        <source>or type the secret: it goes to the OS keychain, never to the profile</source>
        <translation>oder das Geheimnis eingeben: Es kommt in den Schlüsselbund des Betriebssystems, nie ins Profil</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="134"/>
        <source>Grant</source>
        <translation>Grant-Typ</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="135"/>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="136"/>
        <source>Authorization code (a person signs in)</source>
        <translation>Autorisierungscode (eine Person meldet sich an)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="138"/>
        <source>Client credentials (unattended)</source>
        <translation>Client-Anmeldedaten (unbeaufsichtigt)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="139"/>
        <source>Workload identity (the workload&apos;s own JWT)</source>
        <translation>Workload-Identität (das eigene JWT des Workloads)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="141"/>
        <source>Automatic: client credentials when a client secret or key is set and the server offers them, otherwise a sign-in in the browser.</source>
        <translation>Automatisch: Client-Anmeldedaten, wenn ein Client-Geheimnis oder Schlüssel eingetragen ist und der Server sie anbietet, sonst eine Anmeldung im Browser.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="144"/>
        <source>PEM private key for private_key_jwt (optional)</source>
        <translation>privater PEM-Schlüssel für private_key_jwt (optional)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="145"/>
        <source>Brow&amp;se…</source>
        <translation>Durchsuche&amp;n…</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="148"/>
        <source>Private Key</source>
        <translation>Privater Schlüssel</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="149"/>
        <source>PEM private keys (*.pem *.key);;All files (*)</source>
        <translation>Private PEM-Schlüssel (*.pem *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="158"/>
        <source>https URL of a client ID metadata document (optional)</source>
        <translation>https-URL eines Client-ID-Metadatendokuments (optional)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="159"/>
        <source>C&amp;lient id:</source>
        <translation>C&amp;lient-ID:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="160"/>
        <source>Client secret re&amp;ference:</source>
        <translation>Client-Geheimnis als Ver&amp;weis:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="161"/>
        <source>Client secr&amp;et:</source>
        <translation>Client-Geh&amp;eimnis:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="162"/>
        <source>&amp;Grant:</source>
        <translation>Grant-T&amp;yp:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="164"/>
        <source>Private ke&amp;y file:</source>
        <translation>Datei des pri&amp;vaten Schlüssels:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="167"/>
        <source>Client &amp;metadata URL:</source>
        <translation>Client-&amp;Metadaten-URL:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="170"/>
        <source>the authorization server the client id is for (optional)</source>
        <translation>der Autorisierungsserver, für den die Client-ID gilt (optional)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="172"/>
        <source>With an issuer set, the client id is only ever presented to that authorization server.</source>
        <translation>Mit gesetztem Aussteller wird die Client-ID nur diesem Autorisierungsserver vorgelegt.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="174"/>
        <source>Client id issuer:</source>
        <translation>Aussteller der Client-ID:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="177"/>
        <source>DPoP</source>
        <translation>DPoP</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="178"/>
        <source>Automatic (when the server offers it)</source>
        <translation>Automatisch (wenn der Server es anbietet)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="179"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="180"/>
        <source>Required</source>
        <translation>Erforderlich</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="181"/>
        <source>DPoP (RFC 9449) binds tokens to a key of this pool: a stolen token is useless elsewhere. The key is kept with the tokens.</source>
        <translation>DPoP (RFC 9449) bindet Tokens an einen Schlüssel dieses Pools: ein gestohlenes Token ist anderswo nutzlos. Der Schlüssel wird mit den Tokens aufbewahrt.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="183"/>
        <source>&amp;DPoP:</source>
        <translation>DP&amp;oP:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="186"/>
        <source>file holding the workload&apos;s JWT, read for each token</source>
        <translation>Datei mit dem JWT des Workloads, für jedes Token gelesen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="187"/>
        <source>Workload token file (&amp;JWT):</source>
        <translation>Workload-Token-Datei (&amp;JWT):</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="190"/>
        <source>or a command that prints it (run without a shell)</source>
        <translation>oder ein Befehl, der es ausgibt (ohne Shell ausgeführt)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="191"/>
        <source>Workload token comma&amp;nd:</source>
        <translation>Workload-Token-&amp;Befehl:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="199"/>
        <source>Local command</source>
        <translation>Lokaler Befehl</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="203"/>
        <source>program name or path, e.g. npx</source>
        <translation>Programmname oder Pfad, z. B. npx</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="206"/>
        <source>one argument per line, as written (no shell quoting)</source>
        <translation>ein Argument pro Zeile, wie geschrieben (keine Shell-Quotierung)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="212"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="212"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="212"/>
        <source>Secret</source>
        <translation>Geheim</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="220"/>
        <source>A secret variable holds a reference (env:VARIABLE, keychain:NAME) or a value you type, which goes to the OS keychain, never to the profile.</source>
        <translation>Eine geheime Variable enthält einen Verweis (env:VARIABLE, keychain:NAME) oder einen eingegebenen Wert, der in den Schlüsselbund des Systems kommt, nie ins Profil.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="223"/>
        <source>Add &amp;Variable</source>
        <translation>&amp;Variable hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="224"/>
        <source>Remo&amp;ve Variable</source>
        <translation>Variable entfer&amp;nen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="247"/>
        <source>working directory (optional; relative to the profile)</source>
        <translation>Arbeitsverzeichnis (optional; relativ zum Profil)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="251"/>
        <source>How many processes run this command: each one is a worker.</source>
        <translation>Wie viele Prozesse diesen Befehl ausführen: jeder ist ein Worker.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="252"/>
        <source>Co&amp;mmand:</source>
        <translation>Be&amp;fehl:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="253"/>
        <source>&amp;Arguments:</source>
        <translation>&amp;Argumente:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="254"/>
        <source>&amp;Environment:</source>
        <translation>Umge&amp;bung:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="256"/>
        <source>&amp;Working directory:</source>
        <translation>Arbeits&amp;verzeichnis:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="257"/>
        <source>Re&amp;plicas:</source>
        <translation>Re&amp;plikate:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="268"/>
        <source>&amp;Id:</source>
        <translation>&amp;ID:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="269"/>
        <source>Runs as:</source>
        <translation>Läuft als:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="270"/>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="272"/>
        <source>&amp;Priority:</source>
        <translation>&amp;Priorität:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="273"/>
        <source>&amp;Weight:</source>
        <translation>&amp;Gewichtung:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="274"/>
        <source>&amp;Timeout:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="275"/>
        <source>&amp;Calls at once:</source>
        <translation>Gleichzeitige &amp;Aufrufe:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="276"/>
        <source>&amp;Rate limit:</source>
        <translation>&amp;Ratenlimit:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="277"/>
        <source>B&amp;urst:</source>
        <translation>Bur&amp;st:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="278"/>
        <source>Protocol (&amp;version):</source>
        <translation>Protokoll (&amp;Version):</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="279"/>
        <source>C&amp;A file:</source>
        <translation>&amp;CA-Datei:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="282"/>
        <source>Pinned &amp;certificate:</source>
        <translation>&amp;Festgelegtes Zertifikat:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="283"/>
        <source>T&amp;oken reference:</source>
        <translation>&amp;Token-Referenz:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="284"/>
        <source>Bearer to&amp;ken:</source>
        <translation>Bearer-To&amp;ken:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="562"/>
        <source>The server needs an id.</source>
        <translation>Der Server benötigt eine ID.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="564"/>
        <source>A server with the id %1 is already in the pool.</source>
        <translation>Ein Server mit der ID %1 ist bereits im Pool.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="566"/>
        <source>The id may hold letters, digits, spaces inside and %1, at most %2 characters (%3).</source>
        <translation>Die ID darf Buchstaben, Ziffern, Leerzeichen im Inneren und %1 enthalten, höchstens %2 Zeichen (%3).</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="576"/>
        <source>The URL must be http:// or https:// with a host.</source>
        <translation>Die URL muss mit http:// oder https:// beginnen und einen Host enthalten.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="578"/>
        <source>A token reference looks like env:VARIABLE or keychain:NAME; tokens themselves are never stored in the profile.</source>
        <translation>Ein Token-Verweis sieht aus wie env:VARIABLE oder keychain:NAME; Tokens selbst stehen nie im Profil.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="581"/>
        <source>Either a token reference to an environment variable or a token, not both.</source>
        <translation>Entweder ein Verweis auf eine Umgebungsvariable oder ein Token, nicht beides.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="583"/>
        <source>A CA file or a pinned certificate needs an https:// URL.</source>
        <translation>Eine CA-Datei oder ein festgelegtes Zertifikat erfordert eine https://-URL.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="585"/>
        <source>A pinned certificate is its SHA-256 fingerprint: 64 hex digits, colons allowed.</source>
        <translation>Ein festgelegtes Zertifikat wird durch seinen SHA-256-Fingerabdruck angegeben: 64 Hexadezimalziffern, Doppelpunkte erlaubt.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="589"/>
        <source>The CA file %1 cannot be read.</source>
        <translation>Die CA-Datei %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="595"/>
        <source>A client secret reference looks like env:VARIABLE or keychain:NAME; secrets themselves are never stored in the profile.</source>
        <translation>Ein Verweis auf ein Client-Geheimnis sieht aus wie env:VARIABLE oder keychain:NAME; Geheimnisse selbst stehen nie im Profil.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="598"/>
        <source>Either a client secret reference to an environment variable or a client secret, not both.</source>
        <translation>Entweder ein Verweis auf eine Umgebungsvariable oder ein Client-Geheimnis, nicht beides.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="602"/>
        <source>A client secret or private key belongs to a client id: enter the client id too.</source>
        <translation>Ein Client-Geheimnis oder privater Schlüssel gehört zu einer Client-ID: Bitte auch die Client-ID eingeben.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="605"/>
        <source>Client credentials need a client secret or a private key file.</source>
        <translation>Client-Anmeldedaten erfordern ein Client-Geheimnis oder eine Datei mit privatem Schlüssel.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="608"/>
        <source>Workload identity needs a token file or a token command.</source>
        <translation>Workload-Identität braucht eine Token-Datei oder einen Token-Befehl.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="610"/>
        <source>Either a workload token file or a workload token command, not both.</source>
        <translation>Entweder eine Workload-Token-Datei oder ein Workload-Token-Befehl, nicht beides.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="613"/>
        <source>The private key file %1 cannot be read.</source>
        <translation>Die Schlüsseldatei %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="618"/>
        <source>A client metadata URL is an https:// URL with a path (the client ID metadata document).</source>
        <translation>Eine Client-Metadaten-URL ist eine https://-URL mit Pfad (das Client-ID-Metadatendokument).</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="627"/>
        <source>A local command needs the program to run.</source>
        <translation>Ein lokaler Befehl braucht das auszuführende Programm.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="631"/>
        <source>The environment variable &quot;%1&quot; needs a name of letters, digits and _, not starting with a digit.</source>
        <translation>Die Umgebungsvariable „%1“ braucht einen Namen aus Buchstaben, Ziffern und _, der nicht mit einer Ziffer beginnt.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="635"/>
        <source>The environment variable %1 is set twice.</source>
        <translation>Die Umgebungsvariable %1 ist doppelt gesetzt.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="638"/>
        <source>The secret variable %1 needs a reference (env:VARIABLE, keychain:NAME) or a value.</source>
        <translation>Die geheime Variable %1 braucht einen Verweis (env:VARIABLE, keychain:NAME) oder einen Wert.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/serverdialog.cpp" line="642"/>
        <source>The value of %1 holds a NUL character.</source>
        <translation>Der Wert von %1 enthält ein NUL-Zeichen.</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::ServerTableModel</name>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="54"/>
        <source>modern</source>
        <translation>modern</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="56"/>
        <source>legacy</source>
        <translation>alt</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="62"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="68"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="70"/>
        <source>Degraded</source>
        <translation>Beeinträchtigt</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="72"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="74"/>
        <source>Reconnecting</source>
        <translation>Verbindet neu</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="76"/>
        <source>Connecting</source>
        <translation>Verbindet</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="78"/>
        <source>Dead</source>
        <translation>Aufgegeben</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="80"/>
        <source>Ejected</source>
        <translation>Ausgeschlossen</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="82"/>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="84"/>
        <source>Needs sign-in</source>
        <translation>Anmeldung nötig</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="201"/>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="210"/>
        <source>Tool drift: %1</source>
        <translation>Tool-Abweichung: %1</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="215"/>
        <source>Local process: %1</source>
        <translation>Lokaler Prozess: %1</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="273"/>
        <source>Untrusted certificate</source>
        <translation>Zertifikat nicht vertrauenswürdig</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="275"/>
        <source>Degraded, slow, draining</source>
        <translation>Beeinträchtigt, langsam, wird geleert</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="275"/>
        <source>Degraded, slow</source>
        <translation>Beeinträchtigt, langsam</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="276"/>
        <source>%1, draining</source>
        <translation>%1, läuft aus</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="291"/>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="307"/>
        <source>held %1 s</source>
        <translation>angehalten %1 s</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="309"/>
        <source>%1/s, burst %2</source>
        <translation>%1/s, Burst %2</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="310"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="321"/>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="343"/>
        <source>The server wants an OAuth sign-in before it takes calls. Select it and choose Server › Sign In (or Sign In on the Sign-in tab of the server details): the sign-in page opens in your browser.</source>
        <translation>Der Server verlangt eine OAuth-Anmeldung, bevor er Aufrufe annimmt. Den Server auswählen und Server › Anmelden wählen (oder „Anmelden“ im Reiter „Anmeldung“ der Serverdetails): Die Anmeldeseite öffnet sich im Browser.</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="354"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="356"/>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="358"/>
        <source>exited</source>
        <translation>beendet</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="360"/>
        <source>gave up</source>
        <translation>aufgegeben</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="362"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="363"/>
        <source>not started</source>
        <translation>nicht gestartet</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="370"/>
        <source>The server answered 429/503 with Retry-After: no new work goes to it for another %1 s.</source>
        <translation>Der Server antwortete 429/503 mit Retry-After: Noch %1 s lang bekommt er keine neue Arbeit.</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="374"/>
        <source>Client-side limit: at most %1 calls started per second (burst %2); the queue holds work rather than exceed it.</source>
        <translation>Clientseitiges Limit: höchstens %1 gestartete Aufrufe pro Sekunde (Burst %2); die Warteschlange hält Arbeit zurück, statt es zu überschreiten.</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="387"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="389"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="391"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="393"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="395"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="397"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="399"/>
        <source>Error rate</source>
        <translation>Fehlerquote</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="401"/>
        <source>p50 ms</source>
        <translation>p50 ms</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="403"/>
        <source>p95 ms</source>
        <translation>p95 ms</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="405"/>
        <source>Last check</source>
        <translation>Letzte Prüfung</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="407"/>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="409"/>
        <source>Server software</source>
        <translation>Serversoftware</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="411"/>
        <source>Tools</source>
        <translation>Tools</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="413"/>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="415"/>
        <source>Weight</source>
        <translation>Gewichtung</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="417"/>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="419"/>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="421"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="423"/>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <location filename="../ui/models/servertablemodel.cpp" line="425"/>
        <source>Restarts</source>
        <translation>Neustarts</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::SettingsDialog</name>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="38"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="48"/>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="54"/>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="213"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="49"/>
        <source>Health check interval</source>
        <translation>Intervall der Zustandsprüfung</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="51"/>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="52"/>
        <source> failures</source>
        <translation> Fehlschlägen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="51"/>
        <source>Degraded after</source>
        <translation>Beeinträchtigt nach</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="52"/>
        <source>Offline after</source>
        <translation>Offline nach</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="53"/>
        <source>Retries per call</source>
        <translation>Wiederholungen pro Aufruf</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="54"/>
        <source>Call timeout</source>
        <translation>Zeitlimit pro Aufruf</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="55"/>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="57"/>
        <source>Calls running at once</source>
        <translation>Gleichzeitig laufende Aufrufe</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="58"/>
        <source> tasks</source>
        <translation> Aufgaben</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="58"/>
        <source>History kept</source>
        <translation>Aufbewahrter Verlauf</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="79"/>
        <source>&amp;Degraded after:</source>
        <translation>&amp;Beeinträchtigt nach:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="80"/>
        <source>&amp;Offline after:</source>
        <translation>&amp;Offline nach:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="67"/>
        <source>&amp;Retries per call:</source>
        <translation>&amp;Wiederholungen pro Aufruf:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="69"/>
        <source>&amp;Calls running at once:</source>
        <translation>&amp;Gleichzeitig laufende Aufrufe:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="46"/>
        <source>Pool (saved in the profile; applied without a restart)</source>
        <translation>Pool (im Profil gespeichert; ohne Neustart übernommen)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="61"/>
        <source>Calls at once per server</source>
        <translation>Gleichzeitige Aufrufe pro Server</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="62"/>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="63"/>
        <source>For servers without their own limit. Automatic: half of the calls running at once (at least 4) while two or more servers are in rotation, so one frozen server never holds every slot. 0: no limit.</source>
        <translation>Für Server ohne eigenes Limit. Automatisch: die Hälfte der gleichzeitig laufenden Aufrufe (mindestens 4), solange zwei oder mehr Server im Einsatz sind, damit ein eingefrorener Server nie alle Plätze belegt. 0: kein Limit.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="68"/>
        <source>Call t&amp;imeout:</source>
        <translation>Zeitl&amp;imit pro Aufruf:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="70"/>
        <source>Calls at once per ser&amp;ver:</source>
        <translation>Gleichzeitig pro Ser&amp;ver:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="71"/>
        <source>Histor&amp;y kept:</source>
        <translation>Aufbewahrter Verla&amp;uf:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="74"/>
        <source>&amp;Pool</source>
        <translation>&amp;Pool</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="78"/>
        <source>Health check e&amp;very:</source>
        <translation>Zustandsprüfung &amp;alle:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="84"/>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="85"/>
        <source> failed probes</source>
        <translation> fehlgeschlagenen Prüfungen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="87"/>
        <source>&amp;Health</source>
        <translation>&amp;Zustand</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="92"/>
        <source>Server requests and logs (saved in the profile)</source>
        <translation>Server-Anfragen und -Logs (im Profil gespeichert)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="94"/>
        <source>Answer &amp;sampling requests (you write the reply)</source>
        <translation>&amp;Sampling-Anfragen beantworten (Sie schreiben die Antwort)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="96"/>
        <source>Off: sampling is not declared to servers. On: a server&apos;s request for a model reply opens a dialog where you answer or decline.</source>
        <translation>Aus: Sampling wird Servern nicht angeboten. An: Bittet ein Server um eine Modellantwort, öffnet sich ein Dialog, in dem Sie antworten oder ablehnen.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="99"/>
        <source>Server log level</source>
        <translation>Log-Stufe der Server</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="100"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="111"/>
        <source>Root directories</source>
        <translation>Wurzelverzeichnisse</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="114"/>
        <source>&amp;Add Directory…</source>
        <translation>Verzeichnis &amp;hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="115"/>
        <source>Re&amp;move</source>
        <translation>Ent&amp;fernen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="117"/>
        <source>Root Directory</source>
        <translation>Wurzelverzeichnis</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="130"/>
        <source>Server log messages &amp;from:</source>
        <translation>Server-Logmeldungen a&amp;b:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="131"/>
        <source>Root director&amp;ies offered:</source>
        <translation>Angebotene &amp;Wurzelverzeichnisse:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="133"/>
        <source>Directories servers may work in (roots/list); none: roots are not declared.</source>
        <translation>Verzeichnisse, in denen Server arbeiten dürfen (roots/list); keine: Roots werden nicht angeboten.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="138"/>
        <source>Re&amp;quests</source>
        <translation>Rü&amp;ckfragen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="142"/>
        <source>This monitor</source>
        <translation>Dieser Monitor</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="144"/>
        <source>&amp;Notify when a server goes offline or recovers</source>
        <translation>Be&amp;nachrichtigen, wenn ein Server offline geht oder wieder erreichbar ist</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="147"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="148"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="153"/>
        <source>&amp;Language (after a restart):</source>
        <translation>&amp;Sprache (nach einem Neustart):</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="156"/>
        <source>Moni&amp;tor</source>
        <translation>Moni&amp;tor</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="223"/>
        <source>Forgiven &amp;after:</source>
        <translation>&amp;Vergeben nach:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="223"/>
        <source>Forgiven after</source>
        <translation>Vergeben nach</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="224"/>
        <source> good probes</source>
        <translation> erfolgreichen Prüfungen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="224"/>
        <source>Good probes in a row before failed ones are forgiven.</source>
        <translation>Erfolgreiche Prüfungen in Folge, bevor fehlgeschlagene vergeben werden.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="226"/>
        <source>Probe a s&amp;uspect server every:</source>
        <translation>Ver&amp;dächtige Server prüfen alle:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="226"/>
        <source>Suspect probe interval</source>
        <translation>Prüfintervall bei Verdacht</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="228"/>
        <source>After a failed probe or a lost connection, probe this often until it settles.</source>
        <translation>Nach einer fehlgeschlagenen Prüfung oder einer verlorenen Verbindung so oft prüfen, bis es sich klärt.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="230"/>
        <source>Pro&amp;be timeout:</source>
        <translation>Zeitli&amp;mit der Prüfung:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="230"/>
        <source>Probe timeout</source>
        <translation>Zeitlimit der Prüfung</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="231"/>
        <source>A probe that takes longer counts as failed.</source>
        <translation>Eine Prüfung, die länger dauert, gilt als fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="233"/>
        <source>Reconnect: first &amp;wait:</source>
        <translation>Neu verbinden: erste &amp;Wartezeit:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="233"/>
        <source>Reconnect delay</source>
        <translation>Wartezeit vor dem Neuverbinden</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="234"/>
        <source>Doubles with each attempt, up to the longest wait.</source>
        <translation>Verdoppelt sich mit jedem Versuch, bis zur längsten Wartezeit.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="236"/>
        <source>Reconnect: lon&amp;gest wait:</source>
        <translation>Neu verbinden: län&amp;gste Wartezeit:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="236"/>
        <source>Longest reconnect delay</source>
        <translation>Längste Wartezeit vor dem Neuverbinden</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="237"/>
        <source>A restarted server is back within about this long.</source>
        <translation>Ein neu gestarteter Server ist nach etwa dieser Zeit wieder da.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="239"/>
        <source>Shown dead after:</source>
        <translation>Als tot angezeigt nach:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="239"/>
        <source>Reconnect attempts</source>
        <translation>Verbindungsversuche</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="240"/>
        <source> attempts</source>
        <translation> Versuchen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="240"/>
        <source>Failed reconnects before the server is shown dead.</source>
        <translation>Fehlgeschlagene Verbindungsversuche, bevor der Server als tot gilt.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="242"/>
        <source>Try dead servers every:</source>
        <translation>Tote Server versuchen alle:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="242"/>
        <source>Dead retry interval</source>
        <translation>Intervall für tote Server</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="243"/>
        <source>0: a dead server waits for Reconnect.</source>
        <translation>0: Ein toter Server wartet auf „Neu verbinden“.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="245"/>
        <source>&amp;Judge calls over the last:</source>
        <translation>Aufrufe bewerten über die l&amp;etzten:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="245"/>
        <source>Call window</source>
        <translation>Aufruffenster</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="246"/>
        <source>Error rate and latency are judged over this sliding window.</source>
        <translation>Fehlerquote und Latenz werden über dieses gleitende Fenster bewertet.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="248"/>
        <source>Judge o&amp;nly after:</source>
        <translation>Bewerten e&amp;rst ab:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="248"/>
        <source>Minimum calls</source>
        <translation>Mindestzahl an Aufrufen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="249"/>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="265"/>
        <source> calls</source>
        <translation> Aufrufen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="249"/>
        <source>Fewer calls in the window prove nothing either way.</source>
        <translation>Weniger Aufrufe im Fenster beweisen weder das eine noch das andere.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="251"/>
        <source>Degraded at &amp;error rate:</source>
        <translation>Beeinträchtigt ab Fehler&amp;quote:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="251"/>
        <source>Degraded error rate</source>
        <translation>Fehlerquote für „beeinträchtigt“</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="252"/>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="256"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="253"/>
        <source>Online again below half of this rate. 0: never.</source>
        <translation>Wieder online unter der Hälfte dieser Quote. 0: nie.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="255"/>
        <source>Ejected at error rate:</source>
        <translation>Ausgeschlossen ab Fehlerquote:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="255"/>
        <source>Ejection error rate</source>
        <translation>Fehlerquote für den Ausschluss</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="256"/>
        <source>0: never ejected.</source>
        <translation>0: nie ausgeschlossen.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="258"/>
        <source>First ejection lasts:</source>
        <translation>Erster Ausschluss dauert:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="258"/>
        <source>Base ejection time</source>
        <translation>Grunddauer des Ausschlusses</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="259"/>
        <source>Doubles with each further ejection.</source>
        <translation>Verdoppelt sich mit jedem weiteren Ausschluss.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="261"/>
        <source>Longest ejection:</source>
        <translation>Längster Ausschluss:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="261"/>
        <source>Longest ejection time</source>
        <translation>Längste Dauer des Ausschlusses</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="262"/>
        <source>Also how long a server must behave before its ejections are forgotten.</source>
        <translation>Auch so lange muss sich ein Server bewähren, bevor seine Ausschlüsse vergessen werden.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="264"/>
        <source>Eject after failing in a row:</source>
        <translation>Ausschließen nach Fehlern in Folge:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="264"/>
        <source>Failures in a row</source>
        <translation>Fehler in Folge</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="266"/>
        <source>Timeouts and 5xx answers in a row, without a success between. 0: never.</source>
        <translation>Zeitüberschreitungen und 5xx-Antworten in Folge, ohne Erfolg dazwischen. 0: nie.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="268"/>
        <source>Eject at most:</source>
        <translation>Höchstens ausschließen:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="268"/>
        <source>Most ejected</source>
        <translation>Höchstens ausgeschlossen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="269"/>
        <source> % of the servers</source>
        <translation> % der Server</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="269"/>
        <source>Never the last server in rotation.</source>
        <translation>Nie den letzten Server im Einsatz.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="276"/>
        <source> × the others</source>
        <translation> × die anderen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="277"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="278"/>
        <source>Slow factor</source>
        <translation>Faktor für „langsam“</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="279"/>
        <source>Slow: mean latency above this multiple of the other servers&apos; median. Slow servers are passed over while others can serve.</source>
        <translation>Langsam: mittlere Latenz über diesem Vielfachen des Medians der anderen Server. Langsame Server werden übergangen, solange andere bedienen können.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="285"/>
        <source>&amp;Slow at:</source>
        <translation>&amp;Langsam ab:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="287"/>
        <source>Slow only if at least:</source>
        <translation>Langsam nur bei mindestens:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="287"/>
        <source>Slow minimum</source>
        <translation>Mindestabstand für „langsam“</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="288"/>
        <source> ms slower</source>
        <translation> ms langsamer</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="288"/>
        <source>Small latencies never make a server slow.</source>
        <translation>Kleine Latenzen machen einen Server nie langsam.</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::SignInController</name>
    <message>
        <location filename="../ui/controllers/signincontroller.cpp" line="34"/>
        <source>%1: starting the sign-in…</source>
        <translation>%1: Anmeldung wird gestartet…</translation>
    </message>
    <message>
        <location filename="../ui/controllers/signincontroller.cpp" line="43"/>
        <source>%1: signed out; its tokens are forgotten.</source>
        <translation>%1: abgemeldet; seine Tokens sind verworfen.</translation>
    </message>
    <message>
        <location filename="../ui/controllers/signincontroller.cpp" line="70"/>
        <source>%1: sign in in the browser window that opened.</source>
        <translation>%1: Bitte im geöffneten Browserfenster anmelden.</translation>
    </message>
    <message>
        <location filename="../ui/controllers/signincontroller.cpp" line="71"/>
        <source>%1: no browser opened; use the link in the sign-in notice.</source>
        <translation>%1: Es hat sich kein Browser geöffnet; bitte den Link im Anmeldehinweis verwenden.</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::SignInNotice</name>
    <message>
        <location filename="../ui/dialogs/signinnotice.cpp" line="18"/>
        <source>Sign In to %1</source>
        <translation>Bei %1 anmelden</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/signinnotice.cpp" line="22"/>
        <source>The sign-in page for &lt;b&gt;%1&lt;/b&gt; should have opened in your browser. Sign in there; the browser then returns to the monitor and the server connects. If no browser opened, use this link:</source>
        <translation>Die Anmeldeseite für &lt;b&gt;%1&lt;/b&gt; sollte sich im Browser geöffnet haben. Bitte dort anmelden; der Browser kehrt danach zum Monitor zurück und der Server verbindet sich. Falls sich kein Browser geöffnet hat, diesen Link verwenden:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/signinnotice.cpp" line="35"/>
        <source>Sign-in page</source>
        <translation>Anmeldeseite</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/signinnotice.cpp" line="37"/>
        <source>&amp;Copy Link</source>
        <translation>Link &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/signinnotice.cpp" line="55"/>
        <source>Open the sign-in page (%1)</source>
        <translation>Anmeldeseite öffnen (%1)</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::TokenStore</name>
    <message>
        <location filename="../ui/widgets/tokenstore.cpp" line="84"/>
        <source>no keychain: kept in memory for this run only</source>
        <translation>kein Schlüsselbund: nur für diese Sitzung im Speicher</translation>
    </message>
</context>
<context>
    <name>mcppm::ui::TrustCertificateDialog</name>
    <message>
        <location filename="../ui/dialogs/trustcertificatedialog.cpp" line="17"/>
        <source>Trust Certificate of %1</source>
        <translation>Zertifikat von %1 vertrauen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/trustcertificatedialog.cpp" line="21"/>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; (%2) was stopped: its certificate is not trusted.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; (%2) wurde angehalten: Seinem Zertifikat wird nicht vertraut.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/trustcertificatedialog.cpp" line="32"/>
        <source>Why the certificate was refused</source>
        <translation>Warum das Zertifikat abgelehnt wurde</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/trustcertificatedialog.cpp" line="35"/>
        <source>Certificate: %1</source>
        <translation>Zertifikat: %1</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/trustcertificatedialog.cpp" line="40"/>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256-Fingerabdruck:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/trustcertificatedialog.cpp" line="45"/>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256-Fingerabdruck</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/trustcertificatedialog.cpp" line="49"/>
        <source>Compare it with the fingerprint the server&apos;s operator gives you (for example &lt;tt&gt;openssl x509 -noout -fingerprint -sha256 -in cert.pem&lt;/tt&gt;). If you trust it, this server accepts exactly this certificate from now on, even when self-signed or issued for another name; any other certificate is refused, and an expired one still is. The pin is saved with the profile.</source>
        <translation>Mit dem Fingerabdruck vergleichen, den der Betreiber des Servers nennt (zum Beispiel &lt;tt&gt;openssl x509 -noout -fingerprint -sha256 -in cert.pem&lt;/tt&gt;). Wird ihm vertraut, akzeptiert dieser Server von nun an genau dieses Zertifikat, auch wenn es selbstsigniert oder für einen anderen Namen ausgestellt ist; jedes andere Zertifikat wird abgelehnt, ein abgelaufenes weiterhin auch. Die Festlegung wird mit dem Profil gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/trustcertificatedialog.cpp" line="59"/>
        <source>&amp;Trust This Certificate</source>
        <translation>Diesem Zertifikat &amp;vertrauen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/trustcertificatedialog.cpp" line="61"/>
        <source>&amp;Copy Fingerprint</source>
        <translation>Fingerabdruck &amp;kopieren</translation>
    </message>
</context>
</TS>
