<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Crm::CacheKeyProvider</name>
    <message>
        <source>The keychain holds a damaged cache key for %1.</source>
        <translation>El llavero del sistema contiene una clave de caché local dañada para %1.</translation>
    </message>
    <message>
        <source>The cryptography library failed to start.</source>
        <translation>No se pudo iniciar la biblioteca de criptografía.</translation>
    </message>
</context>
<context>
    <name>Crm::Lead</name>
    <message>
        <source>The field &quot;%1&quot; must be a string.</source>
        <translation>El campo &quot;%1&quot; debe ser una cadena de texto.</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; must be true or false.</source>
        <translation>El campo &quot;%1&quot; debe ser verdadero o falso.</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; must be a whole number of at least 0.</source>
        <translation>El campo &quot;%1&quot; debe ser un número entero mayor o igual que 0.</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; must be an ISO-8601 time with a time zone, such as 2026-12-01T15:00:00Z.</source>
        <translation>El campo &quot;%1&quot; debe ser una fecha y hora ISO-8601 con zona horaria, como 2026-12-01T15:00:00Z.</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; has an unknown value &quot;%2&quot;.</source>
        <translation>El campo &quot;%1&quot; tiene un valor desconocido: &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>Enter a first name.</source>
        <translation>Ingrese un nombre.</translation>
    </message>
    <message>
        <source>The first name can be at most %1 characters.</source>
        <translation>El nombre puede tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>Enter a last name.</source>
        <translation>Ingrese un apellido.</translation>
    </message>
    <message>
        <source>The last name can be at most %1 characters.</source>
        <translation>El apellido puede tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>Enter an e-mail address.</source>
        <translation>Ingrese una dirección de correo electrónico.</translation>
    </message>
    <message>
        <source>The e-mail address can be at most %1 characters.</source>
        <translation>La dirección de correo electrónico puede tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>Enter a valid e-mail address.</source>
        <translation>Ingrese una dirección de correo electrónico válida.</translation>
    </message>
    <message>
        <source>Enter a phone number.</source>
        <translation>Ingrese un número de teléfono.</translation>
    </message>
    <message>
        <source>The phone number can be at most %1 characters.</source>
        <translation>El número de teléfono puede tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>Enter a valid phone number.</source>
        <translation>Ingrese un número de teléfono válido.</translation>
    </message>
    <message>
        <source>The message can be at most %1 characters.</source>
        <translation>El mensaje puede tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>Enter a two-letter US state code, such as CA, or leave the state empty.</source>
        <translation>Ingrese un código de estado de EE. UU. de dos letras, como CA, o deje el estado vacío.</translation>
    </message>
</context>
<context>
    <name>Crm::LeadSource</name>
    <message>
        <source>Contact form</source>
        <translation>Formulario de contacto</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Sitio web</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Referido</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
</context>
<context>
    <name>Crm::LeadStatus</name>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Contactado</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>Calificado</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Inscrito</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
</context>
<context>
    <name>Crm::LocalDatabase</name>
    <message>
        <source>The cache key must be 32 bytes; got %1.</source>
        <translation>La clave de la caché local debe tener 32 bytes; se recibieron %1.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>No se puede crear la carpeta %1.</translation>
    </message>
    <message>
        <source>The local cache %1 cannot be decrypted with this key. It belongs to another account or its key was lost.</source>
        <translation>La caché local %1 no se puede descifrar con esta clave. Pertenece a otra cuenta o se perdió su clave.</translation>
    </message>
</context>
<context>
    <name>Crm::MainWindow</name>
    <message>
        <source>Agent CRM</source>
        <translation>Agent CRM</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>No leads yet.
Sign in to a server to download your leads.</source>
        <translation>Aún no hay prospectos.
Inicie sesión en un servidor para descargar sus prospectos.</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
</context>
<context>
    <name>Crm::PassphraseKey</name>
    <message>
        <source>Enter a passphrase.</source>
        <translation>Ingrese una frase de contraseña.</translation>
    </message>
    <message>
        <source>The passphrase salt file is damaged.</source>
        <translation>El archivo de sal de la frase de contraseña está dañado.</translation>
    </message>
    <message>
        <source>The cryptography library failed to start.</source>
        <translation>No se pudo iniciar la biblioteca de criptografía.</translation>
    </message>
    <message>
        <source>Not enough memory to derive the key from the passphrase.</source>
        <translation>No hay suficiente memoria para derivar la clave a partir de la frase de contraseña.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>Crm::PhoneNormalizer</name>
    <message>
        <source>Enter a valid phone number.</source>
        <translation>Ingrese un número de teléfono válido.</translation>
    </message>
</context>
<context>
    <name>Crm::SchemaMigrator</name>
    <message>
        <source>Cannot read the schema version: %1</source>
        <translation>No se puede leer la versión del esquema: %1</translation>
    </message>
    <message>
        <source>The local database is not open.</source>
        <translation>La base de datos local no está abierta.</translation>
    </message>
    <message>
        <source>The local database was written by a newer version of Agent CRM (schema %1; this version knows up to %2). Update the app.</source>
        <translation>La base de datos local fue escrita por una versión más reciente de Agent CRM (esquema %1; esta versión admite hasta el %2). Actualice la aplicación.</translation>
    </message>
    <message>
        <source>Cannot start migrating to schema %1: %2</source>
        <translation>No se puede iniciar la migración al esquema %1: %2</translation>
    </message>
    <message>
        <source>Cannot migrate the local database to schema %1: %2</source>
        <translation>No se puede migrar la base de datos local al esquema %1: %2</translation>
    </message>
    <message>
        <source>Cannot commit schema %1: %2</source>
        <translation>No se puede confirmar el esquema %1: %2</translation>
    </message>
</context>
<context>
    <name>Crm::SecretStore</name>
    <message>
        <source>No such entry in the keychain.</source>
        <translation>No existe esa entrada en el llavero del sistema.</translation>
    </message>
    <message>
        <source>No system keychain is available (%1). Start your desktop&apos;s keychain (e.g. GNOME Keyring or KWallet), or protect the cache with a passphrase.</source>
        <translation>No hay ningún llavero del sistema disponible (%1). Inicie el llavero de su escritorio (p. ej., GNOME Keyring o KWallet) o proteja la caché local con una frase de contraseña.</translation>
    </message>
    <message>
        <source>The keychain refused access: %1</source>
        <translation>El llavero del sistema denegó el acceso: %1</translation>
    </message>
    <message>
        <source>The keychain failed: %1</source>
        <translation>Error del llavero del sistema: %1</translation>
    </message>
</context>
<context>
    <name>Crm::SqlCipherDriver</name>
    <message>
        <source>No valid encryption key was given for the local database.</source>
        <translation>No se proporcionó una clave de cifrado válida para la base de datos local.</translation>
    </message>
    <message>
        <source>The key must be 32 bytes written as 64 hexadecimal digits.</source>
        <translation>La clave debe tener 32 bytes escritos como 64 dígitos hexadecimales.</translation>
    </message>
    <message>
        <source>Cannot open the database file %1.</source>
        <translation>No se puede abrir el archivo de base de datos %1.</translation>
    </message>
    <message>
        <source>Cannot apply the encryption key.</source>
        <translation>No se puede aplicar la clave de cifrado.</translation>
    </message>
    <message>
        <source>Cannot set the page size.</source>
        <translation>No se puede establecer el tamaño de página.</translation>
    </message>
    <message>
        <source>Cannot open the encrypted database %1: the key is wrong or the file is not an Agent CRM database.</source>
        <translation>No se puede abrir la base de datos cifrada %1: la clave es incorrecta o el archivo no es una base de datos de Agent CRM.</translation>
    </message>
    <message>
        <source>Cannot switch the database to WAL mode.</source>
        <translation>No se puede cambiar la base de datos al modo WAL.</translation>
    </message>
    <message>
        <source>Cannot set the cache size.</source>
        <translation>No se puede establecer el tamaño de la caché.</translation>
    </message>
    <message>
        <source>Cannot enable foreign keys.</source>
        <translation>No se pueden habilitar las claves foráneas.</translation>
    </message>
    <message>
        <source>Cannot close the database.</source>
        <translation>No se puede cerrar la base de datos.</translation>
    </message>
    <message>
        <source>Unable to begin transaction</source>
        <translation>No se puede iniciar la transacción</translation>
    </message>
    <message>
        <source>Unable to commit transaction</source>
        <translation>No se puede confirmar la transacción</translation>
    </message>
    <message>
        <source>Unable to roll back transaction</source>
        <translation>No se puede revertir la transacción</translation>
    </message>
    <message>
        <source>Unable to execute statements</source>
        <translation>No se pueden ejecutar las instrucciones</translation>
    </message>
</context>
<context>
    <name>Crm::SqlCipherResult</name>
    <message>
        <source>Unable to prepare statement</source>
        <translation>No se puede preparar la instrucción</translation>
    </message>
    <message>
        <source>Only one statement at a time is allowed</source>
        <translation>Solo se permite una instrucción a la vez</translation>
    </message>
    <message>
        <source>Parameter count mismatch</source>
        <translation>El número de parámetros no coincide</translation>
    </message>
    <message>
        <source>The statement has %1 parameters but %2 values were bound</source>
        <translation>La instrucción tiene %1 parámetros, pero se vincularon %2 valores</translation>
    </message>
    <message>
        <source>Unable to bind parameters</source>
        <translation>No se pueden vincular los parámetros</translation>
    </message>
    <message>
        <source>Unable to execute statement</source>
        <translation>No se puede ejecutar la instrucción</translation>
    </message>
    <message>
        <source>Unable to fetch row</source>
        <translation>No se puede obtener la fila</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Agent CRM: leads, calendar and notifications.</source>
        <translation>Agent CRM: prospectos, calendario y notificaciones.</translation>
    </message>
    <message>
        <source>Keep the local cache in DIR.</source>
        <translation>Guardar la caché local en DIR.</translation>
    </message>
    <message>
        <source>Server URL to sign in to.</source>
        <translation>URL del servidor para iniciar sesión.</translation>
    </message>
</context>
</TS>
