<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Crm::Activity</name>
    <message>
        <source>Notes can be at most %1 characters.</source>
        <translation>Las notas pueden tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>A note needs some text.</source>
        <translation>Ingrese el texto de la nota.</translation>
    </message>
</context>
<context>
    <name>Crm::ActivityListModel</name>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Reunión</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <source>not sent yet</source>
        <translation>sin enviar</translation>
    </message>
</context>
<context>
    <name>Crm::AgendaModel</name>
    <message>
        <source>Tomorrow</source>
        <translation>Mañana</translation>
    </message>
    <message>
        <source>No lead</source>
        <translation>Sin prospecto</translation>
    </message>
    <message>
        <source>%1, to be confirmed</source>
        <translation>%1, por confirmar</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>day, then time</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>%1, %2–%3</source>
        <translation>%1, %2–%3</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Prospecto</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Empieza</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>ended %1 ago</source>
        <translation>terminó hace %1</translation>
    </message>
    <message>
        <source>now</source>
        <translation>ahora</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>en %1</translation>
    </message>
    <message>
        <source>started %1 ago</source>
        <translation>empezó hace %1</translation>
    </message>
</context>
<context>
    <name>Crm::AgendaPanel</name>
    <message>
        <source>Co&amp;mpleted</source>
        <translation>Rea&amp;lizada</translation>
    </message>
    <message>
        <source>No-s&amp;how</source>
        <translation>No se pr&amp;esentó</translation>
    </message>
    <message>
        <source>Open lead</source>
        <translation>Abrir prospecto</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Detalles…</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Today's appointments</source>
        <translation>Citas de hoy</translation>
    </message>
    <message>
        <source>Show or hide today's appointments</source>
        <translation>Mostrar u ocultar las citas de hoy</translation>
    </message>
    <message>
        <source>Your next appointments. Double click opens the lead; Enter opens the details.</source>
        <translation>Sus próximas citas. Doble clic abre el prospecto; Intro abre los detalles.</translation>
    </message>
    <message>
        <source>No appointments today</source>
        <translation>No hay citas hoy</translation>
    </message>
    <message>
        <source>Mark completed</source>
        <translation>Marcar como realizada</translation>
    </message>
    <message>
        <source>Mark no-show</source>
        <translation>Marcar que no se presentó</translation>
    </message>
    <message>
        <source>Appointment details</source>
        <translation>Detalles de la cita</translation>
    </message>
    <message>
        <source>Show the lead of the selected appointment (double click)</source>
        <translation>Mostrar el prospecto de la cita seleccionada (doble clic)</translation>
    </message>
    <message>
        <source>Show the selected appointment's details (Enter)</source>
        <translation>Mostrar los detalles de la cita seleccionada (Intro)</translation>
    </message>
    <message numerus="yes">
        <source>No more appointments today · %n tomorrow</source>
        <translation>
            <numerusform>No quedan citas hoy · %n mañana</numerusform>
            <numerusform>No quedan citas hoy · %n mañana</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n appointment(s)</source>
        <translation>
            <numerusform>%n cita</numerusform>
            <numerusform>%n citas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n tomorrow</source>
        <translation>
            <numerusform>%1 · %n mañana</numerusform>
            <numerusform>%1 · %n mañana</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an appointment first</source>
        <translation>Elija primero una cita</translation>
    </message>
    <message>
        <source>Its outcome is already recorded: %1</source>
        <translation>Su resultado ya está registrado: %1</translation>
    </message>
    <message>
        <source>Possible once it has started</source>
        <translation>Posible una vez que haya empezado</translation>
    </message>
    <message>
        <source>Mark the selected appointment completed</source>
        <translation>Marcar la cita seleccionada como realizada</translation>
    </message>
    <message>
        <source>Mark the selected appointment as a no-show</source>
        <translation>Marcar que no se presentó a la cita seleccionada</translation>
    </message>
    <message>
        <source>Mark &amp;completed</source>
        <translation>Marcar &amp;completada</translation>
    </message>
    <message>
        <source>Mark &amp;no-show</source>
        <translation>Marcar &amp;no presentado</translation>
    </message>
    <message>
        <source>Open &amp;lead</source>
        <translation>Abrir &amp;prospecto</translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation>&amp;Detalles…</translation>
    </message>
</context>
<context>
    <name>Crm::AnalyticsView</name>
    <message>
        <source>Conversion by week of arrival</source>
        <translation>Conversión por semana de llegada</translation>
    </message>
    <message>
        <source>Conversion by agent</source>
        <translation>Conversión por agente</translation>
    </message>
    <message>
        <source>Leads and enrollments by source</source>
        <translation>Prospectos e inscripciones por origen</translation>
    </message>
    <message>
        <source>Time to first response</source>
        <translation>Tiempo hasta la primera respuesta</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Prospectos</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Inscrito</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>Conversión</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Asignados</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Contactado</translation>
    </message>
    <message>
        <source>Median response (min)</source>
        <translation>Mediana de respuesta (min)</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Primera respuesta</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Proporción</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>Exportar %1</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Tendencia</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agentes</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Orígenes</translation>
    </message>
    <message>
        <source>Response time</source>
        <translation>Tiempo de respuesta</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Periodo:</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; leads · &lt;b&gt;%2&lt;/b&gt; converted · median first response &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; prospectos · &lt;b&gt;%2&lt;/b&gt; convertidos · mediana de primera respuesta &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Under 15 min</source>
        <translation>Menos de 15 min</translation>
    </message>
    <message>
        <source>15–60 min</source>
        <translation>15–60 min</translation>
    </message>
    <message>
        <source>1–4 h</source>
        <translation>1–4 h</translation>
    </message>
    <message>
        <source>4–24 h</source>
        <translation>4–24 h</translation>
    </message>
    <message>
        <source>Over a day</source>
        <translation>Más de un día</translation>
    </message>
</context>
<context>
    <name>Crm::AppointmentDialog</name>
    <message>
        <source>&amp;Save notes</source>
        <translation>&amp;Guardar notas</translation>
    </message>
    <message>
        <source>Send now by &amp;e-mail</source>
        <translation>Enviar ahora por c&amp;orreo</translation>
    </message>
    <message>
        <source>Send now by S&amp;MS</source>
        <translation>Enviar ahora por S&amp;MS</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Cita</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>Cuándo:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Meeting:</source>
        <translation>Reunión:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notas:</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Recordatorios</translation>
    </message>
    <message>
        <source>This appointment is no longer in your calendar.</source>
        <translation>Esta cita ya no está en su calendario.</translation>
    </message>
    <message>
        <source>%1 with %2</source>
        <translation>%1 con %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 – %2 (%n min)</source>
        <translation>
            <numerusform>%1 – %2 (%n min)</numerusform>
            <numerusform>%1 – %2 (%n min)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, to be confirmed by the server</source>
        <translation>%1, pendiente de confirmar por el servidor</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>The lead has not agreed to SMS reminders.</source>
        <translation>El prospecto no ha aceptado recordatorios por SMS.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>On its way: it shows below with the next sync.</source>
        <translation>En camino: aparece abajo con la próxima sincronización.</translation>
    </message>
    <message>
        <source>Notes saved; they are sent with the next sync.</source>
        <translation>Notas guardadas; se envían con la próxima sincronización.</translation>
    </message>
    <message>
        <source>Open lead &amp;history</source>
        <translation>Abrir &amp;historial del prospecto</translation>
    </message>
    <message>
        <source>E&amp;xport .ics…</source>
        <translation>E&amp;xportar .ics…</translation>
    </message>
    <message>
        <source>&amp;Follow-up task…</source>
        <translation>&amp;Tarea de seguimiento…</translation>
    </message>
    <message>
        <source>Copy calendar fee&amp;d URL</source>
        <translation>Copiar enlace del calen&amp;dario</translation>
    </message>
    <message>
        <source>Other calendars:</source>
        <translation>Otros calendarios:</translation>
    </message>
    <message>
        <source>Save this appointment as an iCalendar file for another calendar app</source>
        <translation>Guardar esta cita como archivo iCalendar para otra aplicación de calendario</translation>
    </message>
    <message>
        <source>Set a follow-up on the lead for the day after this appointment</source>
        <translation>Programar un seguimiento del prospecto para el día después de esta cita</translation>
    </message>
    <message>
        <source>Copy the link that lets a calendar app subscribe to all your appointments</source>
        <translation>Copiar el enlace con el que una aplicación de calendario se suscribe a todas sus citas</translation>
    </message>
    <message>
        <source>Show the lead with its history</source>
        <translation>Mostrar el prospecto con su historial</translation>
    </message>
    <message>
        <source>Export appointment</source>
        <translation>Exportar cita</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics)</source>
        <translation>Archivos iCalendar (*.ics)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message>
        <source>Not exported: the file is made by the server. %1</source>
        <translation>No exportada: el archivo lo genera el servidor. %1</translation>
    </message>
    <message>
        <source>Not exported: the server did not send a calendar file.</source>
        <translation>No exportada: el servidor no envió un archivo de calendario.</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>No exportada: %1</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Exportada a %1.</translation>
    </message>
    <message>
        <source>After the appointment of %1 (%2)</source>
        <translation>Después de la cita del %1 (%2)</translation>
    </message>
</context>
<context>
    <name>Crm::AppointmentRules</name>
    <message>
        <source>Consultation</source>
        <translation>Consulta</translation>
    </message>
    <message>
        <source>Enrollment</source>
        <translation>Inscripción</translation>
    </message>
    <message>
        <source>Primary care</source>
        <translation>Atención primaria</translation>
    </message>
    <message>
        <source>Follow-up visit</source>
        <translation>Visita de seguimiento</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Programada</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmada</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Realizada</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>No se presentó</translation>
    </message>
    <message>
        <source>The length must be between %1 and %2 minutes.</source>
        <translation>La duración debe estar entre %1 y %2 minutos.</translation>
    </message>
    <message>
        <source>Notes can be at most %1 characters.</source>
        <translation>Las notas pueden tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>Enter the meeting's web address (https://…).</source>
        <translation>Introduzca la dirección web de la reunión (https://…).</translation>
    </message>
</context>
<context>
    <name>Crm::AssignmentPanel</name>
    <message>
        <source>Territory</source>
        <translation>Territorio</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>Round-robin</source>
        <translation>Rotación</translation>
    </message>
    <message>
        <source>&amp;Auto-assign…</source>
        <translation>&amp;Asignar automáticamente…</translation>
    </message>
    <message>
        <source>&amp;Apply these assignments</source>
        <translation>&amp;Aplicar estas asignaciones</translation>
    </message>
    <message>
        <source>How the server hands out new leads</source>
        <translation>Cómo reparte el servidor los prospectos nuevos</translation>
    </message>
    <message>
        <source>Assign to</source>
        <translation>Asignar a</translation>
    </message>
    <message>
        <source>Reassign to</source>
        <translation>Reasignar a</translation>
    </message>
    <message>
        <source>Let the server pick agents for the selected leads (or the whole queue), under the current mode; you see the result before it applies.</source>
        <translation>El servidor elige agentes para los prospectos seleccionados (o toda la cola) según el modo actual; verá el resultado antes de aplicarlo.</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Open leads</source>
        <translation>Prospectos abiertos</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Peso</translation>
    </message>
    <message>
        <source>Territories</source>
        <translation>Territorios</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Prospecto</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>Va a</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Auto-assign preview: nothing has changed yet</source>
        <translation>Vista previa de la asignación automática: aún no ha cambiado nada</translation>
    </message>
    <message>
        <source>Assignment mode:</source>
        <translation>Modo de asignación:</translation>
    </message>
    <message>
        <source>Agents (drop leads on an agent to assign them)</source>
        <translation>Agentes (suelte prospectos sobre un agente para asignárselos)</translation>
    </message>
    <message>
        <source>%1  ·  %2</source>
        <translation>%1  ·  %2</translation>
    </message>
    <message>
        <source>Unassigned leads (%1)</source>
        <translation>Prospectos sin asignar (%1)</translation>
    </message>
    <message>
        <source>%1 (inactive)</source>
        <translation>%1 (inactivo)</translation>
    </message>
    <message>
        <source>Select an agent to see their open leads</source>
        <translation>Seleccione un agente para ver sus prospectos abiertos</translation>
    </message>
    <message>
        <source>Open leads of %1 (%2)</source>
        <translation>Prospectos abiertos de %1 (%2)</translation>
    </message>
    <message>
        <source>Select the leads to assign first.</source>
        <translation>Primero seleccione los prospectos que quiere asignar.</translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) assigned to %1.</source>
        <translation>
            <numerusform>%n prospecto asignado a %1.</numerusform>
            <numerusform>%n prospectos asignados a %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Consultando al servidor…</translation>
    </message>
    <message>
        <source>The assignment mode needs the server: %1</source>
        <translation>El modo de asignación necesita el servidor: %1</translation>
    </message>
    <message>
        <source>New leads are now assigned by: %1.</source>
        <translation>Los prospectos nuevos se asignan ahora por: %1.</translation>
    </message>
    <message>
        <source>Auto-assign needs the server: %1</source>
        <translation>La asignación automática necesita el servidor: %1</translation>
    </message>
    <message>
        <source>Nobody (no active agent)</source>
        <translation>Nadie (no hay agentes activos)</translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) in the preview. Apply to assign them.</source>
        <translation>
            <numerusform>%n prospecto en la vista previa. Aplique para asignarlo.</numerusform>
            <numerusform>%n prospectos en la vista previa. Aplique para asignarlos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Auto-assign failed: %1</source>
        <translation>Falló la asignación automática: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) assigned as previewed.</source>
        <translation>
            <numerusform>%n prospecto asignado como en la vista previa.</numerusform>
            <numerusform>%n prospectos asignados como en la vista previa.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) assigned; something changed since the preview, so some went elsewhere (see each lead's history).</source>
        <translation>
            <numerusform>%n prospecto asignado; algo cambió desde la vista previa, así que alguno fue a otro agente (vea el historial de cada prospecto).</numerusform>
            <numerusform>%n prospectos asignados; algo cambió desde la vista previa, así que algunos fueron a otro agente (vea el historial de cada prospecto).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot be assigned: %2</source>
        <translation>No se puede asignar %1: %2</translation>
    </message>
    <message>
        <source>Change the assignment mode</source>
        <translation>Cambiar el modo de asignación</translation>
    </message>
    <message>
        <source>From now on, new leads for the whole team are assigned by: %1. Change it?</source>
        <translation>A partir de ahora, los prospectos nuevos de todo el equipo se asignan por: %1. ¿Cambiarlo?</translation>
    </message>
    <message>
        <source>The preview was for the previous mode; preview again to see who gets what now.</source>
        <translation>La vista previa era del modo anterior; genérela de nuevo para ver quién recibe qué ahora.</translation>
    </message>
    <message>
        <source>Already with %1; nothing changed.</source>
        <translation>Ya asignados a %1; no ha cambiado nada.</translation>
    </message>
</context>
<context>
    <name>Crm::AssignmentReason</name>
    <message>
        <source>Round-robin</source>
        <translation>Rotación</translation>
    </message>
    <message>
        <source>Territory %1</source>
        <translation>Territorio %1</translation>
    </message>
    <message>
        <source>Round-robin: no agent covers %1</source>
        <translation>Rotación: ningún agente cubre %1</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>Entered by the agent</source>
        <translation>Introducido por el agente</translation>
    </message>
</context>
<context>
    <name>Crm::Availability</name>
    <message>
        <source>Choose a time zone from the list.</source>
        <translation>Elija una zona horaria de la lista.</translation>
    </message>
    <message>
        <source>The buffer must be between 0 and %1 minutes.</source>
        <translation>El margen debe estar entre 0 y %1 minutos.</translation>
    </message>
    <message>
        <source>The notice must be between 0 and %1 minutes.</source>
        <translation>La antelación debe estar entre 0 y %1 minutos.</translation>
    </message>
    <message>
        <source>Bookings can open between 1 and %1 days ahead.</source>
        <translation>Las reservas pueden abrirse entre 1 y %1 días antes.</translation>
    </message>
    <message>
        <source>A day of the week is 0 (Sunday) to 6.</source>
        <translation>Un día de la semana va de 0 (domingo) a 6.</translation>
    </message>
    <message>
        <source>Each window must end after it starts.</source>
        <translation>Cada franja debe terminar después de empezar.</translation>
    </message>
    <message>
        <source>Each date must be a real date.</source>
        <translation>Cada fecha debe ser una fecha real.</translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation>Escriba un número entero.</translation>
    </message>
    <message>
        <source>The weekly hours must be a list.</source>
        <translation>El horario semanal debe ser una lista.</translation>
    </message>
    <message>
        <source>Each window needs a start and an end time such as 09:00 and 17:00.</source>
        <translation>Cada franja necesita una hora de inicio y una de fin, como 09:00 y 17:00.</translation>
    </message>
    <message>
        <source>The date overrides must be a list.</source>
        <translation>Las excepciones por fecha deben ser una lista.</translation>
    </message>
    <message>
        <source>Each override needs a date such as 2027-03-20 and a list of windows.</source>
        <translation>Cada excepción necesita una fecha, como 2027-03-20, y una lista de franjas.</translation>
    </message>
    <message>
        <source>Each date can have one override.</source>
        <translation>Cada fecha puede tener una sola excepción.</translation>
    </message>
    <message>
        <source>The end must come after the start.</source>
        <translation>El final debe ser posterior al inicio.</translation>
    </message>
    <message>
        <source>Time off can last at most a year at a time.</source>
        <translation>Una ausencia puede durar como mucho un año seguido.</translation>
    </message>
    <message>
        <source>The reason can be at most %1 characters.</source>
        <translation>El motivo puede tener como mucho %1 caracteres.</translation>
    </message>
</context>
<context>
    <name>Crm::AvailabilityEditor</name>
    <message>
        <source>Add a &amp;date</source>
        <translation>Añadir una &amp;fecha</translation>
    </message>
    <message>
        <source>Add time &amp;off</source>
        <translation>Añadir &amp;ausencia</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>Disponibilidad</translation>
    </message>
    <message>
        <source>When people can book you</source>
        <translation>Cuándo pueden reservarte</translation>
    </message>
    <message>
        <source>Weekly hours</source>
        <translation>Horario semanal</translation>
    </message>
    <message>
        <source>Add several windows to a day for a break; a day without any is off.</source>
        <translation>Añade varias franjas a un día para hacer una pausa; un día sin ninguna es libre.</translation>
    </message>
    <message>
        <source>Date overrides</source>
        <translation>Fechas con otro horario</translation>
    </message>
    <message>
        <source>Other hours on a date, or a day off: remove its windows.</source>
        <translation>Otro horario en una fecha, o un día libre: quita sus franjas.</translation>
    </message>
    <message>
        <source>No dates with other hours.</source>
        <translation>Ninguna fecha con otro horario.</translation>
    </message>
    <message>
        <source>Time off</source>
        <translation>Ausencias</translation>
    </message>
    <message>
        <source>Holidays, training, appointments of your own: no one can book you then.</source>
        <translation>Vacaciones, formación, citas propias: nadie puede reservarte entonces.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Booking rules</source>
        <translation>Reglas de reserva</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>&amp;Zona horaria:</translation>
    </message>
    <message>
        <source>&amp;Buffer between appointments:</source>
        <translation>&amp;Margen entre citas:</translation>
    </message>
    <message>
        <source>Book up &amp;to:</source>
        <translation>Antelación má&amp;xima:</translation>
    </message>
    <message>
        <source>Next two weeks</source>
        <translation>Próximas dos semanas</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Open for booking</source>
        <translation>Disponible para reservar</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Empieza</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Termina</translation>
    </message>
    <message>
        <source>Add a window to %1</source>
        <translation>Añadir una franja (%1)</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>No disponible</translation>
    </message>
    <message>
        <source>Remove this window</source>
        <translation>Quitar esta franja</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Add a window to this date</source>
        <translation>Añadir una franja a esta fecha</translation>
    </message>
    <message>
        <source>Remove this date</source>
        <translation>Quitar esta fecha</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>Día libre</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Guardada</translation>
    </message>
    <message>
        <source>Sent when you save</source>
        <translation>Se envía al guardar</translation>
    </message>
    <message>
        <source>Time off added; it reaches the server when you save.</source>
        <translation>Ausencia añadida; llega al servidor cuando guardes.</translation>
    </message>
    <message>
        <source>This window ends before it starts.</source>
        <translation>Esta franja termina antes de empezar.</translation>
    </message>
    <message>
        <source>The preview comes back once the hours are valid.</source>
        <translation>La vista previa vuelve cuando el horario sea válido.</translation>
    </message>
    <message>
        <source>%1-minute slots as people will see them, in %2; the appointments you already have are left out.</source>
        <translation>Huecos de %1 minutos tal como los verán los demás, en %2; sin las citas que ya tienes.</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>No slots</source>
        <translation>Sin huecos</translation>
    </message>
    <message numerus="yes">
        <source>%n slot(s)</source>
        <translation>
            <numerusform>%n hueco</numerusform>
            <numerusform>%n huecos</numerusform>
        </translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Buffer between appointments</source>
        <translation>Margen entre citas</translation>
    </message>
    <message>
        <source>Minimum notice</source>
        <translation>Aviso mínimo</translation>
    </message>
    <message>
        <source>Book up to</source>
        <translation>Antelación máxima</translation>
    </message>
    <message>
        <source>Time off from</source>
        <translation>Ausencia desde</translation>
    </message>
    <message>
        <source>Time off until</source>
        <translation>Ausencia hasta</translation>
    </message>
    <message>
        <source>Time off reason</source>
        <translation>Motivo de la ausencia</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Saving needs the server. Your changes are kept here.</source>
        <translation>Para guardar hace falta el servidor. Tus cambios se quedan aquí.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <source>Saving needs the server, which cannot be reached now (%1). Your changes are kept here: save again once you are back online.</source>
        <translation>Para guardar hace falta el servidor, y ahora no se puede contactar (%1). Tus cambios se quedan aquí: vuelve a guardar cuando tengas conexión.</translation>
    </message>
    <message>
        <source>The server did not accept the change: %1 Your changes are kept here.</source>
        <translation>El servidor no aceptó el cambio: %1 Tus cambios se quedan aquí.</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Desde:</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>&amp;Hasta:</translation>
    </message>
    <message>
        <source>Minimum &amp;notice:</source>
        <translation>A&amp;viso mínimo:</translation>
    </message>
    <message>
        <source>Optional: holiday, training…</source>
        <translation>Opcional: vacaciones, formación…</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>Mo&amp;tivo:</translation>
    </message>
</context>
<context>
    <name>Crm::BookingDialog</name>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Book appointment</source>
        <translation>Reservar cita</translation>
    </message>
    <message>
        <source>Type a name</source>
        <translation>Escriba un nombre</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>What the meeting is about</source>
        <translation>De qué trata la reunión</translation>
    </message>
    <message>
        <source>https://… (optional)</source>
        <translation>https://… (opcional)</translation>
    </message>
    <message>
        <source>&amp;Lead:</source>
        <translation>&amp;Prospecto:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>&amp;Starts:</source>
        <translation>&amp;Inicio:</translation>
    </message>
    <message>
        <source>Len&amp;gth:</source>
        <translation>D&amp;uración:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notas:</translation>
    </message>
    <message>
        <source>&amp;Meeting link:</source>
        <translation>&amp;Enlace de la reunión:</translation>
    </message>
    <message>
        <source>&amp;Book</source>
        <translation>&amp;Reservar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Free on %1:</source>
        <translation>Libre el %1:</translation>
    </message>
    <message>
        <source>No free time this day</source>
        <translation>No hay horas libres este día</translation>
    </message>
    <message>
        <source>Choose a lead from the list (type part of the name).</source>
        <translation>Elija un prospecto de la lista (escriba parte del nombre).</translation>
    </message>
    <message>
        <source>Free instead:</source>
        <translation>Libre en su lugar:</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1 Free instead: %2.</source>
        <translation>%1 Libre en su lugar: %2.</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
</context>
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
    <name>Crm::CalendarColumns</name>
    <message>
        <source>Calendars side by side</source>
        <translation>Calendarios lado a lado</translation>
    </message>
</context>
<context>
    <name>Crm::CalendarFeedActions</name>
    <message>
        <source>Calendar feed link copied. Paste it into your calendar app's "subscribe" or "add calendar from URL".</source>
        <translation>Enlace de suscripción copiado. Péguelo en la opción «suscribirse» o «añadir calendario desde URL» de su aplicación de calendario.</translation>
    </message>
    <message>
        <source>New calendar feed link</source>
        <translation>Nuevo enlace de suscripción</translation>
    </message>
    <message>
        <source>Make a new calendar feed link?

Calendar apps subscribed with the current link stop updating; subscribe them again with the new one.</source>
        <translation>¿Crear un nuevo enlace de suscripción?

Las aplicaciones de calendario suscritas con el enlace actual dejarán de actualizarse; vuelva a suscribirlas con el nuevo.</translation>
    </message>
    <message>
        <source>&amp;Make new link</source>
        <translation>&amp;Crear enlace nuevo</translation>
    </message>
    <message>
        <source>Asking the server for a calendar feed link…</source>
        <translation>Pidiendo al servidor un enlace de suscripción…</translation>
    </message>
    <message>
        <source>No calendar feed link: the server makes it, and it answered: %1</source>
        <translation>Sin enlace de suscripción: lo crea el servidor, que respondió: %1</translation>
    </message>
    <message>
        <source>no link</source>
        <translation>ningún enlace</translation>
    </message>
    <message>
        <source>Calendar feed link copied. It could not be kept in the keychain (%1): after a restart, copying it makes a new link and the old one ends.</source>
        <translation>Enlace de suscripción copiado. No se pudo guardar en el llavero (%1): tras reiniciar, copiarlo crea un enlace nuevo y el anterior deja de funcionar.</translation>
    </message>
    <message>
        <source>New calendar feed link copied; the old one no longer works.</source>
        <translation>Nuevo enlace de suscripción copiado; el anterior ya no funciona.</translation>
    </message>
    <message>
        <source>Calendar feed link made and copied. A link made earlier (on another computer) no longer works.</source>
        <translation>Enlace de suscripción creado y copiado. Un enlace creado antes (en otro equipo) ya no funciona.</translation>
    </message>
    <message>
        <source>Calendar feed link</source>
        <translation>Enlace de suscripción al calendario</translation>
    </message>
    <message>
        <source>This computer does not know your calendar feed link yet. Make one?

If a calendar app already subscribes to a link made elsewhere, that link stops updating; subscribe it again with the new one.</source>
        <translation>Este equipo aún no conoce su enlace de suscripción al calendario. ¿Crear uno?

Si una aplicación de calendario ya está suscrita con un enlace creado en otro lugar, ese enlace dejará de actualizarse; suscríbala de nuevo con el nuevo.</translation>
    </message>
    <message>
        <source>&amp;Make link</source>
        <translation>&amp;Crear enlace</translation>
    </message>
</context>
<context>
    <name>Crm::CalendarModel</name>
    <message>
        <source>%1, %2–%3</source>
        <translation>%1, %2–%3</translation>
    </message>
    <message>
        <source>to be confirmed</source>
        <translation>por confirmar</translation>
    </message>
</context>
<context>
    <name>Crm::CalendarView</name>
    <message>
        <source>Calendar</source>
        <translation>Calendario</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>No-show · %1</source>
        <translation>No se presentó · %1</translation>
    </message>
    <message>
        <source>✓ %1</source>
        <translation>✓ %1</translation>
    </message>
    <message>
        <source>%1 · to be confirmed</source>
        <translation>%1 · por confirmar</translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>+%1 más</translation>
    </message>
    <message>
        <source>Enter opens it; the menu key shows what can be done.</source>
        <translation>Intro la abre; la tecla de menú muestra lo que se puede hacer.</translation>
    </message>
    <message>
        <source>Calendar of %1</source>
        <translation>Calendario de %1</translation>
    </message>
</context>
<context>
    <name>Crm::ConflictDialog</name>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado (EE. UU.)</translation>
    </message>
    <message>
        <source>SMS opt-in</source>
        <translation>Acepta SMS</translation>
    </message>
    <message>
        <source>Assigned agent</source>
        <translation>Agente asignado</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>No conflicts. Every change you made is on the server.</source>
        <translation>No hay conflictos. Todos sus cambios están en el servidor.</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflictos</translation>
    </message>
    <message>
        <source>Someone else changed these while you were editing, or the server refused a change. Choose what stays.</source>
        <translation>Otra persona cambió esto mientras usted editaba, o el servidor rechazó un cambio. Elija qué se queda.</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>El mío</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>El suyo</translation>
    </message>
    <message>
        <source>Follow-up: %1</source>
        <translation>Seguimiento: %1</translation>
    </message>
    <message>
        <source>Enrollment</source>
        <translation>Inscripción</translation>
    </message>
    <message>
        <source>A record no longer in your list</source>
        <translation>Un registro que ya no está en su lista</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>No aceptado</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Conservar el mío</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Conservar el suyo</translation>
    </message>
    <message>
        <source>%1: the slot was taken meanwhile by another appointment (%2–%3).</source>
        <translation>%1: mientras tanto, otra cita ocupó ese horario (%2–%3).</translation>
    </message>
    <message>
        <source>%1: the slot was taken meanwhile by another appointment.</source>
        <translation>%1: mientras tanto, otra cita ocupó ese horario.</translation>
    </message>
    <message>
        <source>Book one of the free times instead:</source>
        <translation>Reserve en su lugar una de las horas libres:</translation>
    </message>
    <message>
        <source>%1 is outside the provider's available hours.</source>
        <translation>%1 está fuera del horario disponible del proveedor.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Cita</translation>
    </message>
    <message>
        <source>Appointment: %1</source>
        <translation>Cita: %1</translation>
    </message>
    <message>
        <source>Booking not accepted</source>
        <translation>Reserva no aceptada</translation>
    </message>
    <message>
        <source>Move not accepted</source>
        <translation>Cambio de hora no aceptado</translation>
    </message>
    <message>
        <source>Book it at %1 instead</source>
        <translation>Reservarla el %1 en su lugar</translation>
    </message>
    <message>
        <source>Not booked: %1</source>
        <translation>No reservada: %1</translation>
    </message>
</context>
<context>
    <name>Crm::ConvertDialog</name>
    <message>
        <source>Effective from</source>
        <translation>Vigente desde</translation>
    </message>
    <message>
        <source>Convert to enrollment</source>
        <translation>Convertir en inscripción</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; becomes an enrolled member. The enrollment is saved on this computer now and sent to the server with your other changes.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; pasa a ser un miembro inscrito. La inscripción se guarda ahora en este equipo y se envía al servidor con sus demás cambios.</translation>
    </message>
    <message>
        <source>Plan name, e.g. Silver PPO</source>
        <translation>Nombre del plan, p. ej. Silver PPO</translation>
    </message>
    <message>
        <source>Anything the enrollment team should know</source>
        <translation>Lo que el equipo de inscripciones deba saber</translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation>Plan:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notas:</translation>
    </message>
    <message>
        <source>&amp;Convert</source>
        <translation>&amp;Convertir</translation>
    </message>
</context>
<context>
    <name>Crm::DesktopNotifier</name>
    <message>
        <source>Agent CRM</source>
        <translation>Agent CRM</translation>
    </message>
    <message numerus="yes">
        <source>%n more notification(s)</source>
        <translation>
            <numerusform>%n notificación más</numerusform>
            <numerusform>%n notificaciones más</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the notification center in Agent CRM to see them.</source>
        <translation>Abra el centro de notificaciones de Agent CRM para verlas.</translation>
    </message>
</context>
<context>
    <name>Crm::DesktopSession</name>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) have not reached the server yet. They stay in the encrypted cache and are sent when you sign in again. Sign out anyway?</source>
        <translation>
            <numerusform>%n cambio aún no ha llegado al servidor. Se conserva en la caché local cifrada y se enviará cuando vuelva a iniciar sesión. ¿Desea cerrar sesión de todos modos?</numerusform>
            <numerusform>%n cambios aún no han llegado al servidor. Se conservan en la caché local cifrada y se enviarán cuando vuelva a iniciar sesión. ¿Desea cerrar sesión de todos modos?</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Vuelva a iniciar sesión</translation>
    </message>
    <message>
        <source>The local data stays locked without its passphrase.</source>
        <translation>Los datos locales siguen bloqueados sin su frase de contraseña.</translation>
    </message>
    <message>
        <source>Use at least %1 characters.</source>
        <translation>Use al menos %1 caracteres.</translation>
    </message>
    <message>
        <source>That passphrase does not open the local data.</source>
        <translation>Esa frase de contraseña no abre los datos locales.</translation>
    </message>
    <message>
        <source>No keychain is available on this computer to keep the key of your local data. Choose a passphrase for it instead (at least %1 characters); you will need it every time Agent CRM starts.</source>
        <translation>En este equipo no hay un llavero disponible para guardar la clave de sus datos locales. Elija en su lugar una frase de contraseña (al menos %1 caracteres); la necesitará cada vez que inicie Agent CRM.</translation>
    </message>
    <message>
        <source>Your local data is locked with a passphrase. Enter it to open it.</source>
        <translation>Sus datos locales están protegidos con una frase de contraseña. Escríbala para abrirlos.</translation>
    </message>
    <message>
        <source>Local data passphrase</source>
        <translation>Frase de contraseña de los datos locales</translation>
    </message>
    <message>
        <source>Enter the same passphrase again.</source>
        <translation>Escriba de nuevo la misma frase de contraseña.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Las dos frases de contraseña no coinciden.</translation>
    </message>
</context>
<context>
    <name>Crm::DueNotices</name>
    <message>
        <source>Follow-up due: %1</source>
        <translation>Seguimiento pendiente: %1</translation>
    </message>
    <message>
        <source>A follow-up you set is due now.</source>
        <translation>Vence ahora un seguimiento que programó.</translation>
    </message>
    <message>
        <source>Appointment soon</source>
        <translation>Cita en breve</translation>
    </message>
    <message>
        <source>Appointment soon: %1</source>
        <translation>Cita en breve: %1</translation>
    </message>
    <message numerus="yes">
        <source>Starts in %n minute(s).</source>
        <translation>
            <numerusform>Empieza en %n minuto.</numerusform>
            <numerusform>Empieza en %n minutos.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crm::Enrollment</name>
    <message>
        <source>Enter the plan the member enrolls in.</source>
        <translation>Indique el plan en el que se inscribe el miembro.</translation>
    </message>
    <message>
        <source>The plan can be at most %1 characters.</source>
        <translation>El plan puede tener como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>The effective date must be a date such as 2027-01-01.</source>
        <translation>La fecha de vigencia debe ser una fecha como 2027-01-01.</translation>
    </message>
    <message>
        <source>Notes can be at most %1 characters.</source>
        <translation>Las notas pueden tener como máximo %1 caracteres.</translation>
    </message>
</context>
<context>
    <name>Crm::Figures</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 días</translation>
    </message>
</context>
<context>
    <name>Crm::FollowUp</name>
    <message>
        <source>Say what to do, e.g. "Send the plan brochure".</source>
        <translation>Indique qué hacer, p. ej. «Enviar el folleto del plan».</translation>
    </message>
    <message>
        <source>The note can be at most %1 characters.</source>
        <translation>La nota puede tener como máximo %1 caracteres.</translation>
    </message>
</context>
<context>
    <name>Crm::FollowUpsWidget</name>
    <message>
        <source>No open follow-ups. Set one below so this lead is not forgotten.</source>
        <translation>No hay seguimientos pendientes. Programe uno abajo para no olvidar este prospecto.</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Hecho</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Seguimientos</translation>
    </message>
    <message>
        <source>Mark the selected follow-up done</source>
        <translation>Marcar como hecho el seguimiento seleccionado</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Posponer</translation>
    </message>
    <message>
        <source>Move the selected follow-up to later</source>
        <translation>Pasar el seguimiento seleccionado a más tarde</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 hora</translation>
    </message>
    <message>
        <source>Tomorrow 9:00</source>
        <translation>Mañana a las 9:00</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>La próxima semana</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1 (vencido)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Set follo&amp;w-up</source>
        <translation>Programar &amp;seguimiento</translation>
    </message>
    <message>
        <source>What to do, e.g. send the brochure</source>
        <translation>Qué hacer, p. ej. enviar el folleto</translation>
    </message>
</context>
<context>
    <name>Crm::HistoryEntry</name>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado (EE. UU.)</translation>
    </message>
    <message>
        <source>SMS reminders</source>
        <translation>Recordatorios por SMS</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>%1 changed from %2 to %3.</source>
        <translation>%1 cambió de %2 a %3.</translation>
    </message>
    <message>
        <source>Follow-up done.</source>
        <translation>Seguimiento hecho.</translation>
    </message>
    <message>
        <source>Follow-up done: %1</source>
        <translation>Seguimiento hecho: %1</translation>
    </message>
    <message>
        <source>Follow-up reopened.</source>
        <translation>Seguimiento reabierto.</translation>
    </message>
    <message>
        <source>Follow-up reopened: %1</source>
        <translation>Seguimiento reabierto: %1</translation>
    </message>
    <message>
        <source>an agent</source>
        <translation>un agente</translation>
    </message>
    <message>
        <source>Reassigned from %1 to %2 (%3).</source>
        <translation>Reasignado de %1 a %2 (%3).</translation>
    </message>
    <message>
        <source>Reassigned from %1 to %2.</source>
        <translation>Reasignado de %1 a %2.</translation>
    </message>
    <message>
        <source>Assigned to %1 (%2).</source>
        <translation>Asignado a %1 (%2).</translation>
    </message>
    <message>
        <source>Assigned to %1.</source>
        <translation>Asignado a %1.</translation>
    </message>
    <message>
        <source>Converted to enrollment: %1, effective %2.</source>
        <translation>Convertido en inscripción: %1, con efecto el %2.</translation>
    </message>
    <message>
        <source>Converted to enrollment: %1.</source>
        <translation>Convertido en inscripción: %1.</translation>
    </message>
    <message>
        <source>Converted to enrollment, effective %1.</source>
        <translation>Convertido en inscripción, con efecto el %1.</translation>
    </message>
    <message>
        <source>Converted to enrollment.</source>
        <translation>Convertido en inscripción.</translation>
    </message>
    <message>
        <source>Contact form submission (unverified: anyone can send the form with this e-mail or phone), signed "%1".</source>
        <translation>Envío del formulario de contacto (sin verificar: cualquiera puede enviarlo con este correo o teléfono), firmado «%1».</translation>
    </message>
    <message>
        <source>Entered again by hand as "%1".</source>
        <translation>Introducido de nuevo a mano como «%1».</translation>
    </message>
    <message>
        <source>Received from the website contact form.</source>
        <translation>Recibido del formulario de contacto del sitio web.</translation>
    </message>
    <message>
        <source>Entered by hand.</source>
        <translation>Introducido a mano.</translation>
    </message>
    <message>
        <source>Status changed from %1 to %2 (first contact).</source>
        <translation>Estado cambiado de %1 a %2 (primer contacto).</translation>
    </message>
    <message>
        <source>Status changed from %1 to %2.</source>
        <translation>Estado cambiado de %1 a %2.</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Cita</translation>
    </message>
    <message>
        <source>%1 booked for %2.</source>
        <translation>%1 reservada para el %2.</translation>
    </message>
    <message>
        <source>%1 moved from %2 to %3.</source>
        <translation>%1 cambiada del %2 al %3.</translation>
    </message>
    <message>
        <source>%1 on %2 confirmed.</source>
        <translation>%1 del %2 confirmada.</translation>
    </message>
    <message>
        <source>%1 on %2 held.</source>
        <translation>%1 del %2 realizada.</translation>
    </message>
    <message>
        <source>%1 on %2 cancelled.</source>
        <translation>%1 del %2 cancelada.</translation>
    </message>
    <message>
        <source>Did not come to the %1 on %2 (no-show).</source>
        <translation>No se presentó a la %1 del %2 (ausencia).</translation>
    </message>
    <message>
        <source>Agreed to SMS reminders (%1; wording %2).</source>
        <translation>Aceptó los recordatorios por SMS (%1; texto %2).</translation>
    </message>
    <message>
        <source>Stopped SMS reminders (%1).</source>
        <translation>Dejó los recordatorios por SMS (%1).</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
</context>
<context>
    <name>Crm::LanguageChoice</name>
    <message>
        <source>Not said</source>
        <translation>Sin indicar</translation>
    </message>
</context>
<context>
    <name>Crm::Lead</name>
    <message>
        <source>The field "%1" must be a string.</source>
        <translation>El campo "%1" debe ser una cadena de texto.</translation>
    </message>
    <message>
        <source>The field "%1" must be true or false.</source>
        <translation>El campo "%1" debe ser verdadero o falso.</translation>
    </message>
    <message>
        <source>The field "%1" must be a whole number of at least 0.</source>
        <translation>El campo "%1" debe ser un número entero mayor o igual que 0.</translation>
    </message>
    <message>
        <source>The field "%1" must be an ISO-8601 time with a time zone, such as 2026-12-01T15:00:00Z.</source>
        <translation>El campo "%1" debe ser una fecha y hora ISO-8601 con zona horaria, como 2026-12-01T15:00:00Z.</translation>
    </message>
    <message>
        <source>The field "%1" has an unknown value "%2".</source>
        <translation>El campo "%1" tiene un valor desconocido: "%2".</translation>
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
    <message>
        <source>Choose English (en) or Spanish (es), or leave the language empty.</source>
        <translation>Elija inglés (en) o español (es), o deje el idioma vacío.</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
</context>
<context>
    <name>Crm::LeadDetailPanel</name>
    <message>
        <source>&amp;Save changes</source>
        <translation>&amp;Guardar cambios</translation>
    </message>
    <message>
        <source>Select a lead to see its details.</source>
        <translation>Seleccione un prospecto para ver sus detalles.</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>First name:</source>
        <translation>Nombre:</translation>
    </message>
    <message>
        <source>Last name:</source>
        <translation>Apellido:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>Correo electrónico:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Teléfono:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Estado (EE. UU.):</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>Mensaje:</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Reunión</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>What happened? (Ctrl+Enter to log)</source>
        <translation>¿Qué sucedió? (Ctrl+Enter para registrar)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>no state</source>
        <translation>sin estado de EE. UU.</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>Convert to &amp;enrollment…</source>
        <translation>Convertir en &amp;inscripción…</translation>
    </message>
    <message>
        <source>Record the plan this lead enrolled in; the lead becomes enrolled</source>
        <translation>Registre el plan en que se inscribió este prospecto; el prospecto pasa a inscrito</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Inscrito</translation>
    </message>
    <message>
        <source>Enrolled in %1</source>
        <translation>Inscrito en %1</translation>
    </message>
    <message>
        <source>%1, effective %2</source>
        <translation>%1, vigente desde %2</translation>
    </message>
    <message>
        <source>L&amp;og</source>
        <translation>&amp;Registrar</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>Your changes to %1 cannot be saved yet:

%2</source>
        <translation>Sus cambios en %1 aún no se pueden guardar:

%2</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Seguir editando</translation>
    </message>
    <message>
        <source>&amp;Discard changes</source>
        <translation>&amp;Descartar cambios</translation>
    </message>
    <message>
        <source>Agreed to text messages (SMS &amp;reminders)</source>
        <translation>Acepta &amp;mensajes de texto (recordatorios por SMS)</translation>
    </message>
    <message>
        <source>Agreed %1 (%2; wording %3).</source>
        <translation>Aceptó el %1 (%2; texto %3).</translation>
    </message>
    <message>
        <source>Stopped %1 (%2).</source>
        <translation>Lo dejó el %1 (%2).</translation>
    </message>
    <message>
        <source>Agreed; the proof arrives with the next sync.</source>
        <translation>Aceptado; la prueba llega con la próxima sincronización.</translation>
    </message>
    <message>
        <source>No consent recorded: no SMS reminders.</source>
        <translation>Sin consentimiento registrado: no hay recordatorios por SMS.</translation>
    </message>
    <message>
        <source>SMS reminders</source>
        <translation>Recordatorios por SMS</translation>
    </message>
    <message>
        <source>Read this to %1, and record their yes only if they agree:

"%2"</source>
        <translation>Léale esto a %1 y registre su sí solo si está de acuerdo:

«%2»</translation>
    </message>
    <message>
        <source>They &amp;agree</source>
        <translation>&amp;Acepta</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Agreed just now (told an agent); sent with the next sync.</source>
        <translation>Aceptado ahora mismo (se lo dijo a un agente); se envía con la próxima sincronización.</translation>
    </message>
    <message>
        <source>Stopped just now; sent with the next sync.</source>
        <translation>Dejado ahora mismo; se envía con la próxima sincronización.</translation>
    </message>
    <message>
        <source>The language of the reminders this lead receives</source>
        <translation>El idioma de los recordatorios que recibe este prospecto</translation>
    </message>
    <message>
        <source>Reminders in:</source>
        <translation>Recordatorios en:</translation>
    </message>
</context>
<context>
    <name>Crm::LeadMetricsView</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>No leads in this period yet.</source>
        <translation>Aún no hay prospectos en este periodo.</translation>
    </message>
    <message>
        <source>Leads by status</source>
        <translation>Prospectos por estado</translation>
    </message>
    <message>
        <source>Leads by source</source>
        <translation>Prospectos por origen</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Prospectos</translation>
    </message>
    <message>
        <source>Conversion rate</source>
        <translation>Tasa de conversión</translation>
    </message>
    <message>
        <source>Median first response</source>
        <translation>Mediana de primera respuesta</translation>
    </message>
    <message>
        <source>Contacted within 1 hour</source>
        <translation>Contactados en menos de 1 hora</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Periodo:</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Inscrito</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
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
    <message>
        <source>The lead is already %1.</source>
        <translation>El prospecto ya está en %1.</translation>
    </message>
    <message>
        <source>A lead cannot move from %1 to %2.</source>
        <translation>Un prospecto no puede pasar de %1 a %2.</translation>
    </message>
</context>
<context>
    <name>Crm::LeadTableModel</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n d</numerusform>
            <numerusform>%n d</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>hace %1</translation>
    </message>
    <message>
        <source>Not contacted for more than 24 hours</source>
        <translation>Sin contactar por más de 24 horas</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Antigüedad</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>Próximo seguimiento</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Última actividad</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sin asignar</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
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
    <name>Crm::LocalEdits</name>
    <message>
        <source>This lead is not in your cache.</source>
        <translation>Este prospecto no está en su caché local.</translation>
    </message>
    <message>
        <source>"%1" cannot be edited.</source>
        <translation>No se puede editar "%1".</translation>
    </message>
    <message>
        <source>A lead cannot move from %1 to %2.</source>
        <translation>Un prospecto no puede pasar de %1 a %2.</translation>
    </message>
    <message>
        <source>Unknown activity type "%1".</source>
        <translation>Tipo de actividad desconocido: "%1".</translation>
    </message>
    <message>
        <source>This conflict is already resolved.</source>
        <translation>Este conflicto ya está resuelto.</translation>
    </message>
    <message>
        <source>This follow-up is not in your cache.</source>
        <translation>Este seguimiento no está en su caché.</translation>
    </message>
    <message>
        <source>This lead is already enrolled.</source>
        <translation>Este prospecto ya está inscrito.</translation>
    </message>
    <message>
        <source>The stored time is unreadable.</source>
        <translation>La hora guardada no se puede leer.</translation>
    </message>
    <message>
        <source>A lead becomes enrolled through Convert to enrollment, which records the plan.</source>
        <translation>Un prospecto queda inscrito mediante Convertir en inscripción, que registra el plan.</translation>
    </message>
    <message>
        <source>This appointment is not in your cache.</source>
        <translation>Esta cita no está en su caché local.</translation>
    </message>
    <message>
        <source>This time overlaps another appointment (%1 to %2).</source>
        <translation>Esta hora se solapa con otra cita (de %1 a %2).</translation>
    </message>
    <message>
        <source>This time is outside the provider's available hours.</source>
        <translation>Esta hora está fuera del horario disponible del proveedor.</translation>
    </message>
    <message>
        <source>An appointment cannot move from %1 to %2.</source>
        <translation>Una cita no puede pasar de «%1» a «%2».</translation>
    </message>
    <message>
        <source>The stored value is unreadable.</source>
        <translation>El valor guardado no se puede leer.</translation>
    </message>
    <message>
        <source>Only scheduled or confirmed appointments can be moved; this one is %1.</source>
        <translation>Solo se pueden mover las citas programadas o confirmadas; el estado de esta es «%1».</translation>
    </message>
    <message>
        <source>This reminder is not in your cache.</source>
        <translation>Este recordatorio no está en su caché.</translation>
    </message>
    <message>
        <source>Only a failed reminder can be sent again.</source>
        <translation>Solo un recordatorio fallido se puede reenviar.</translation>
    </message>
    <message>
        <source>This refusal is already settled.</source>
        <translation>Este rechazo ya está resuelto.</translation>
    </message>
    <message>
        <source>%1 is recorded once the appointment has started.</source>
        <translation>«%1» se registra una vez que la cita ha empezado.</translation>
    </message>
</context>
<context>
    <name>Crm::LockScreen</name>
    <message>
        <source>Agent CRM is locked</source>
        <translation>Agent CRM está bloqueado</translation>
    </message>
    <message>
        <source>It locked itself after a while without activity, to keep member information private. Enter your password to go on.</source>
        <translation>Se bloqueó tras un tiempo sin actividad para proteger la información de los afiliados. Ingrese su contraseña para continuar.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <source>That password is not right.</source>
        <translation>La contraseña no es correcta.</translation>
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
        <source>&amp;Sync now</source>
        <translation>Sincronizar &amp;ahora</translation>
    </message>
    <message>
        <source>Sign &amp;out…</source>
        <translation>&amp;Cerrar sesión…</translation>
    </message>
    <message>
        <source>&amp;Leads</source>
        <translation>&amp;Prospectos</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Buscar…</translation>
    </message>
    <message>
        <source>Search name, e-mail or phone  (Ctrl+F)</source>
        <translation>Buscar nombre, correo electrónico o teléfono  (Ctrl+F)</translation>
    </message>
    <message>
        <source>All my leads</source>
        <translation>Todos mis prospectos</translation>
    </message>
    <message>
        <source>New today</source>
        <translation>Nuevos hoy</translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation>Seguimientos pendientes</translation>
    </message>
    <message>
        <source>Not contacted &gt; 24 h</source>
        <translation>Sin contactar &gt; 24 h</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Prospectos</translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <translation>Última sincronización: %1</translation>
    </message>
    <message>
        <source>Downloading %p%</source>
        <translation>Descargando %p%</translation>
    </message>
    <message>
        <source>%1 (admin)</source>
        <translation>%1 (administrador)</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● En línea</translation>
    </message>
    <message>
        <source>● Syncing…</source>
        <translation>● Sincronizando…</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● Sin conexión</translation>
    </message>
    <message>
        <source>● Sync problem</source>
        <translation>● Problema de sincronización</translation>
    </message>
    <message>
        <source>● Signed out</source>
        <translation>● Sesión cerrada</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) to send</source>
        <translation>
            <numerusform>%n cambio por enviar</numerusform>
            <numerusform>%n cambios por enviar</numerusform>
        </translation>
    </message>
    <message>
        <source>All changes sent</source>
        <translation>Todos los cambios enviados</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflicto</numerusform>
            <numerusform>%n conflictos</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Conflicts…</source>
        <translation>&amp;Conflictos…</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>&amp;New lead…</source>
        <translation>&amp;Nuevo prospecto…</translation>
    </message>
    <message>
        <source>My &amp;numbers…</source>
        <translation>Mis &amp;cifras…</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>Cualquier origen</translation>
    </message>
    <message>
        <source>Show the conflicts and choose what stays</source>
        <translation>Ver los conflictos y elegir qué se queda</translation>
    </message>
    <message>
        <source>My numbers</source>
        <translation>Mis cifras</translation>
    </message>
    <message>
        <source>&amp;Admin</source>
        <translation>A&amp;dministración</translation>
    </message>
    <message>
        <source>&amp;Assignment…</source>
        <translation>&amp;Asignación…</translation>
    </message>
    <message>
        <source>&amp;Team…</source>
        <translation>&amp;Equipo…</translation>
    </message>
    <message>
        <source>A&amp;nalytics…</source>
        <translation>A&amp;nálisis…</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>Asignación</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>Análisis</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <source>Notifications (%1)</source>
        <translation>Notificaciones (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%n unread notification(s)</source>
        <translation>
            <numerusform>%n notificación sin leer</numerusform>
            <numerusform>%n notificaciones sin leer</numerusform>
        </translation>
    </message>
    <message>
        <source>That record is no longer in your list.</source>
        <translation>Ese registro ya no está en su lista.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n lead(s)</source>
        <translation>
            <numerusform>%1 de %n prospecto</numerusform>
            <numerusform>%1 de %n prospectos</numerusform>
        </translation>
    </message>
    <message>
        <source>All leads</source>
        <translation>Todos los prospectos</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sin asignar</translation>
    </message>
    <message>
        <source>&amp;Reminders ledger…</source>
        <translation>&amp;Registro de recordatorios…</translation>
    </message>
    <message>
        <source>Reminders ledger</source>
        <translation>Registro de recordatorios</translation>
    </message>
    <message>
        <source>Schedule &amp;consultation…</source>
        <translation>Agendar consul&amp;ta…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>My &amp;leads</source>
        <translation>Mis &amp;prospectos</translation>
    </message>
    <message>
        <source>&amp;Calendar</source>
        <translation>&amp;Calendario</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Hoy</translation>
    </message>
    <message>
        <source>Go to today (T)</source>
        <translation>Ir a hoy (T)</translation>
    </message>
    <message>
        <source>Previous (Alt+Left)</source>
        <translation>Anterior (Alt+Izquierda)</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>Next (Alt+Right)</source>
        <translation>Siguiente (Alt+Derecha)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Work week</source>
        <translation>Semana laboral</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mes</translation>
    </message>
    <message>
        <source>Days shown</source>
        <translation>Días mostrados</translation>
    </message>
    <message>
        <source>Booked; it is confirmed when the server accepts it.</source>
        <translation>Reservada; queda confirmada cuando el servidor la acepte.</translation>
    </message>
    <message>
        <source>Choose a lead first.</source>
        <translation>Elija primero un prospecto.</translation>
    </message>
    <message>
        <source>Moved to %1; it is confirmed when the server accepts it.</source>
        <translation>Movida al %1; queda confirmada cuando el servidor la acepte.</translation>
    </message>
    <message>
        <source>Not moved: %1</source>
        <translation>No se movió: %1</translation>
    </message>
    <message>
        <source>Not moved: %1 Free instead: %2.</source>
        <translation>No se movió: %1 Libre en su lugar: %2.</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>Not moved</source>
        <translation>No se movió</translation>
    </message>
    <message>
        <source>%1

Move it to one of these free times instead?</source>
        <translation>%1

¿Moverla a una de estas horas libres?</translation>
    </message>
    <message>
        <source>Nothing to undo: the server already has the move.</source>
        <translation>No hay nada que deshacer: el servidor ya tiene el cambio de hora.</translation>
    </message>
    <message>
        <source>Mark c&amp;onfirmed</source>
        <translation>Marcar c&amp;onfirmada</translation>
    </message>
    <message>
        <source>Mark &amp;completed</source>
        <translation>Marcar &amp;completada</translation>
    </message>
    <message>
        <source>Mark &amp;no-show</source>
        <translation>Marcar &amp;no presentado</translation>
    </message>
    <message>
        <source>C&amp;ancel appointment</source>
        <translation>C&amp;ancelar la cita</translation>
    </message>
    <message>
        <source>Open &amp;lead</source>
        <translation>Abrir &amp;prospecto</translation>
    </message>
    <message>
        <source>Appointments booked or moved here that the server has not confirmed yet</source>
        <translation>Citas reservadas o movidas aquí que el servidor aún no ha confirmado</translation>
    </message>
    <message>
        <source>Appointments to be confirmed: %1</source>
        <translation>Citas por confirmar: %1</translation>
    </message>
    <message>
        <source>Availa&amp;bility…</source>
        <translation>Disponi&amp;bilidad…</translation>
    </message>
    <message>
        <source>Availability…</source>
        <translation>Disponibilidad…</translation>
    </message>
    <message>
        <source>Your weekly hours, time off and booking rules</source>
        <translation>Tu horario semanal, tus ausencias y tus reglas de reserva</translation>
    </message>
    <message>
        <source>Availability saved; the calendar follows with this sync.</source>
        <translation>Disponibilidad guardada; el calendario se actualiza con esta sincronización.</translation>
    </message>
    <message>
        <source>Calendar fee&amp;d</source>
        <translation>&amp;Suscripción al calendario</translation>
    </message>
    <message>
        <source>Subscribe to your appointments from another calendar app</source>
        <translation>Suscribirse a sus citas desde otra aplicación de calendario</translation>
    </message>
    <message>
        <source>&amp;Copy calendar feed URL</source>
        <translation>&amp;Copiar enlace de suscripción</translation>
    </message>
    <message>
        <source>&amp;New calendar feed URL…</source>
        <translation>&amp;Nuevo enlace de suscripción…</translation>
    </message>
    <message>
        <source>Today's &amp;agenda</source>
        <translation>&amp;Agenda de hoy</translation>
    </message>
    <message>
        <source>Show or hide your next appointments above the lead</source>
        <translation>Mostrar u ocultar sus próximas citas encima del prospecto</translation>
    </message>
    <message>
        <source>Status: %1. It is confirmed when the server accepts it.</source>
        <translation>Estado: %1. Queda confirmado cuando el servidor lo acepte.</translation>
    </message>
    <message>
        <source>Calendar &amp;of:</source>
        <translation>Calendario d&amp;e:</translation>
    </message>
    <message>
        <source>Whose calendar is shown; a booking made here is theirs</source>
        <translation>De quién es el calendario mostrado; una cita reservada aquí es suya</translation>
    </message>
    <message>
        <source>Side b&amp;y side</source>
        <translation>Lad&amp;o a lado</translation>
    </message>
    <message>
        <source>Several providers' days in columns (the day view)</source>
        <translation>El día de varios proveedores en columnas (la vista de día)</translation>
    </message>
    <message>
        <source>My calendar</source>
        <translation>Mi calendario</translation>
    </message>
</context>
<context>
    <name>Crm::NewLeadDialog</name>
    <message>
        <source>Agreed to text messages (SMS reminders)</source>
        <translation>Acepta mensajes de texto (recordatorios por SMS)</translation>
    </message>
    <message>
        <source>New lead</source>
        <translation>Nuevo prospecto</translation>
    </message>
    <message>
        <source>First name:</source>
        <translation>Nombre:</translation>
    </message>
    <message>
        <source>Last name:</source>
        <translation>Apellidos:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>Correo electrónico:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Teléfono:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Estado (EE. UU.):</translation>
    </message>
    <message>
        <source>e.g. (415) 555-0123</source>
        <translation>p. ej. (415) 555-0123</translation>
    </message>
    <message>
        <source>Two letters, e.g. CA</source>
        <translation>Dos letras, p. ej. CA</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Origen:</translation>
    </message>
    <message>
        <source>What they asked about</source>
        <translation>Qué preguntó</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notas:</translation>
    </message>
    <message>
        <source>&amp;Add lead</source>
        <translation>&amp;Añadir prospecto</translation>
    </message>
    <message>
        <source>This person may already be a lead</source>
        <translation>Puede que esta persona ya sea un prospecto</translation>
    </message>
    <message>
        <source>%1 (%2) already has this e-mail address.</source>
        <translation>%1 (%2) ya tiene esta dirección de correo.</translation>
    </message>
    <message>
        <source>%1 (%2) already has this phone number.</source>
        <translation>%1 (%2) ya tiene este número de teléfono.</translation>
    </message>
    <message>
        <source>&amp;Open %1</source>
        <translation>&amp;Abrir a %1</translation>
    </message>
    <message>
        <source>&amp;Create anyway…</source>
        <translation>&amp;Crear de todos modos…</translation>
    </message>
    <message>
        <source>Create anyway</source>
        <translation>Crear de todos modos</translation>
    </message>
    <message>
        <source>Why a second lead for %1?</source>
        <translation>¿Por qué un segundo prospecto para %1?</translation>
    </message>
    <message>
        <source>Created although %1 has the same e-mail address: %2</source>
        <translation>Creado aunque %1 tiene la misma dirección de correo: %2</translation>
    </message>
    <message>
        <source>Created although %1 has the same phone number: %2</source>
        <translation>Creado aunque %1 tiene el mismo número de teléfono: %2</translation>
    </message>
    <message>
        <source>Reminders in:</source>
        <translation>Recordatorios en:</translation>
    </message>
</context>
<context>
    <name>Crm::NotificationCenter</name>
    <message>
        <source>Mark all &amp;read</source>
        <translation>Marcar todo como &amp;leído</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <source>You're all caught up</source>
        <translation>Está al día</translation>
    </message>
    <message>
        <source>New leads, follow-ups that come due and sync problems will show up here.</source>
        <translation>Aquí aparecerán los prospectos nuevos, los seguimientos que vencen y los problemas de sincronización.</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n sin leer</numerusform>
            <numerusform>%n sin leer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Crm::NotificationDelegate</name>
    <message>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>hace %n min</numerusform>
            <numerusform>hace %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>hace %n h</numerusform>
            <numerusform>hace %n h</numerusform>
        </translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>ayer</translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>hace %n día</numerusform>
            <numerusform>hace %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>Crm::NotificationListModel</name>
    <message>
        <source>New lead</source>
        <translation>Nuevo prospecto</translation>
    </message>
    <message>
        <source>Follow-up due</source>
        <translation>Seguimiento pendiente</translation>
    </message>
    <message>
        <source>Appointment soon</source>
        <translation>Cita próxima</translation>
    </message>
    <message>
        <source>Edit conflict</source>
        <translation>Conflicto de edición</translation>
    </message>
    <message>
        <source>Change not accepted</source>
        <translation>Cambio no aceptado</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>Appointment changed</source>
        <translation>Cita modificada</translation>
    </message>
    <message>
        <source>Reminder not delivered</source>
        <translation>Recordatorio no entregado</translation>
    </message>
</context>
<context>
    <name>Crm::Outbox</name>
    <message>
        <source>Edit conflict</source>
        <translation>Conflicto de edición</translation>
    </message>
    <message numerus="yes">
        <source>Someone else changed %n field(s) you edited; choose which values to keep.</source>
        <translation>
            <numerusform>Otra persona cambió %n campo que usted editó; elija qué valor conservar.</numerusform>
            <numerusform>Otra persona cambió %n campos que usted editó; elija qué valores conservar.</numerusform>
        </translation>
    </message>
    <message>
        <source>Change not accepted</source>
        <translation>Cambio no aceptado</translation>
    </message>
    <message>
        <source>Booking not accepted</source>
        <translation>Reserva no aceptada</translation>
    </message>
    <message>
        <source>Booking not accepted: %1</source>
        <translation>Reserva no aceptada: %1</translation>
    </message>
    <message>
        <source>Appointment change not accepted</source>
        <translation>Cambio de cita no aceptado</translation>
    </message>
    <message>
        <source>Appointment change not accepted: %1</source>
        <translation>Cambio de cita no aceptado: %1</translation>
    </message>
    <message>
        <source>%1 was taken by another appointment meanwhile.</source>
        <translation>Mientras tanto, otra cita ocupó %1.</translation>
    </message>
    <message>
        <source>%1 was taken by another appointment meanwhile. Free nearby: %2.</source>
        <translation>Mientras tanto, otra cita ocupó %1. Horas libres cercanas: %2.</translation>
    </message>
    <message>
        <source>%1 is outside the provider's available hours.</source>
        <translation>%1 está fuera del horario disponible del proveedor.</translation>
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
    <name>Crm::PullApplier</name>
    <message>
        <source>New lead</source>
        <translation>Nuevo prospecto</translation>
    </message>
    <message>
        <source>From %1 to %2.</source>
        <translation>De %1 a %2.</translation>
    </message>
    <message>
        <source>Appointment booked</source>
        <translation>Cita reservada</translation>
    </message>
    <message>
        <source>Appointment booked: %1</source>
        <translation>Cita reservada: %1</translation>
    </message>
    <message>
        <source>Appointment moved</source>
        <translation>Cita cambiada de hora</translation>
    </message>
    <message>
        <source>Appointment moved: %1</source>
        <translation>Cita cambiada de hora: %1</translation>
    </message>
    <message>
        <source>Appointment cancelled</source>
        <translation>Cita cancelada</translation>
    </message>
    <message>
        <source>Appointment cancelled: %1</source>
        <translation>Cita cancelada: %1</translation>
    </message>
    <message>
        <source>SMS reminder not delivered</source>
        <translation>Recordatorio por SMS no entregado</translation>
    </message>
    <message>
        <source>E-mail reminder not delivered</source>
        <translation>Recordatorio por correo no entregado</translation>
    </message>
    <message>
        <source>SMS reminder not delivered: %1</source>
        <translation>Recordatorio por SMS no entregado: %1</translation>
    </message>
    <message>
        <source>E-mail reminder not delivered: %1</source>
        <translation>Recordatorio por correo no entregado: %1</translation>
    </message>
    <message>
        <source>For the appointment on %1. %2</source>
        <translation>Para la cita del %1. %2</translation>
    </message>
</context>
<context>
    <name>Crm::ReminderLedgerModel</name>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Enviándose</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Sent after retry</source>
        <translation>Enviado tras reintentar</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Cita</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Prospecto</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <source>%1 (cancellation notice)</source>
        <translation>%1 (aviso de cancelación)</translation>
    </message>
    <message>
        <source>Delivered %1</source>
        <translation>Entregado el %1</translation>
    </message>
</context>
<context>
    <name>Crm::ReminderLedgerWindow</name>
    <message>
        <source>Any &amp;date</source>
        <translation>Cualquier &amp;fecha</translation>
    </message>
    <message>
        <source>Send &amp;again</source>
        <translation>&amp;Reenviar</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>E&amp;xportar CSV…</translation>
    </message>
    <message>
        <source>Every state</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>E-mail and SMS</source>
        <translation>Correo y SMS</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>&amp;Estado:</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>&amp;Canal:</translation>
    </message>
    <message>
        <source>Due &amp;from:</source>
        <translation>Vence &amp;desde:</translation>
    </message>
    <message>
        <source>&amp;to:</source>
        <translation>&amp;hasta:</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No reminders match. Reminders appear here as appointments are booked.</source>
        <translation>Ningún recordatorio coincide. Los recordatorios aparecen aquí al reservar citas.</translation>
    </message>
    <message>
        <source>Showing the newest %1; narrow the filter to see others.</source>
        <translation>Se muestran los %1 más recientes; acote el filtro para ver otros.</translation>
    </message>
    <message>
        <source>It goes out again with the next sync.</source>
        <translation>Se reenvía con la próxima sincronización.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n reminder(s) exported to %1.</source>
        <translation>
            <numerusform>%n recordatorio exportado a %1.</numerusform>
            <numerusform>%n recordatorios exportados a %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export reminders</source>
        <translation>Exportar recordatorios</translation>
    </message>
    <message>
        <source>reminders.csv</source>
        <translation>recordatorios.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>Crm::ReminderMessage</name>
    <message>
        <source>dddd, MMMM d</source>
        <extracomment>A date format (QDate::toString): "Monday, December 7"</extracomment>
        <translation>dddd d 'de' MMMM</translation>
    </message>
    <message>
        <source>h:mm AP</source>
        <extracomment>A time format (QTime::toString): "10:30 AM"</extracomment>
        <translation>h:mm ap</translation>
    </message>
    <message>
        <source>%1 at %2 %3</source>
        <extracomment>"Monday, December 7 at 10:30 AM PST": the day, the time, the zone</extracomment>
        <translation>%1, %2 %3</translation>
    </message>
    <message>
        <source>Hello,</source>
        <translation>Hola:</translation>
    </message>
    <message>
        <source>Hello %1,</source>
        <translation>Hola, %1:</translation>
    </message>
    <message>
        <source>Cancelled: your appointment on %1</source>
        <translation>Cancelada: su cita del %1</translation>
    </message>
    <message>
        <source>Reminder: your appointment on %1 at %2</source>
        <translation>Recordatorio: su cita del %1, %2</translation>
    </message>
    <message>
        <source>Your appointment on %1 has been cancelled.</source>
        <translation>Su cita del %1 ha sido cancelada.</translation>
    </message>
    <message numerus="yes">
        <source>This is a reminder of your appointment on %1 (%n minutes).</source>
        <translation>
            <numerusform>Le recordamos su cita del %1 (%n minuto).</numerusform>
            <numerusform>Le recordamos su cita del %1 (%n minutos).</numerusform>
        </translation>
    </message>
    <message>
        <source>Join the meeting</source>
        <translation>Unirse a la reunión</translation>
    </message>
    <message>
        <source>To book a new time, reply to this e-mail or contact %1.</source>
        <translation>Para reservar otra hora, responda a este correo o comuníquese con %1.</translation>
    </message>
    <message>
        <source>To cancel or move it, reply to this e-mail or contact %1.</source>
        <translation>Para cancelarla o cambiarla de hora, responda a este correo o comuníquese con %1.</translation>
    </message>
    <message>
        <source>Your appointment</source>
        <translation>Su cita</translation>
    </message>
    <message>
        <source>ddd MMM d</source>
        <extracomment>A short date format (QDate::toString) for text messages: "Mon Dec 7"</extracomment>
        <translation>ddd d MMM</translation>
    </message>
    <message>
        <source>Reply STOP to opt out.</source>
        <translation>Responda STOP para darse de baja.</translation>
    </message>
    <message>
        <source>Your appointment on %1 is cancelled.</source>
        <translation>Su cita del %1 está cancelada.</translation>
    </message>
    <message>
        <source>Reminder: your appointment is on %1.</source>
        <translation>Recordatorio: su cita es el %1.</translation>
    </message>
</context>
<context>
    <name>Crm::ReminderPlan</name>
    <message>
        <source>Choose from 1 to %1 reminder times.</source>
        <translation>Elija de 1 a %1 horas de recordatorio.</translation>
    </message>
    <message>
        <source>Each reminder goes between %1 minutes and %2 days before.</source>
        <translation>Cada recordatorio va entre %1 minutos y %2 días antes.</translation>
    </message>
    <message>
        <source>Each reminder time can be chosen once.</source>
        <translation>Cada hora de recordatorio se puede elegir una sola vez.</translation>
    </message>
</context>
<context>
    <name>Crm::ReportPeriod</name>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Últimos 90 días</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Este año</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Desde siempre</translation>
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
    <message>
        <source>Cannot suspend the local indexes: %1</source>
        <translation>No se pueden suspender los índices locales: %1</translation>
    </message>
    <message>
        <source>Cannot rebuild the local indexes: %1</source>
        <translation>No se pueden reconstruir los índices locales: %1</translation>
    </message>
</context>
<context>
    <name>Crm::SecretStore</name>
    <message>
        <source>No such entry in the keychain.</source>
        <translation>No existe esa entrada en el llavero del sistema.</translation>
    </message>
    <message>
        <source>No system keychain is available (%1). Start your desktop's keychain (e.g. GNOME Keyring or KWallet), or protect the cache with a passphrase.</source>
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
    <name>Crm::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source> min before</source>
        <translation> min antes</translation>
    </message>
    <message>
        <source> min idle</source>
        <translation> min sin actividad</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>Used the next time you sign in.</source>
        <translation>Se usa la próxima vez que inicie sesión.</translation>
    </message>
    <message>
        <source>Used the next time Agent CRM starts.</source>
        <translation>Se usa la próxima vez que se inicie Agent CRM.</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <source>Remind me of appointments:</source>
        <translation>Recordarme las citas:</translation>
    </message>
    <message>
        <source>Lock the window after:</source>
        <translation>Bloquear la ventana tras:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>The server must be a web address such as https://crm.example.org.</source>
        <translation>El servidor debe ser una dirección web como https://crm.example.org.</translation>
    </message>
</context>
<context>
    <name>Crm::SignInDialog</name>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation>&amp;Recordarme en esta computadora</translation>
    </message>
    <message>
        <source>Sign in to Agent CRM</source>
        <translation>Iniciar sesión en Agent CRM</translation>
    </message>
    <message>
        <source>you@example.org</source>
        <translation>usted@example.org</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;Correo electrónico:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>C&amp;ontraseña:</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
</context>
<context>
    <name>Crm::SmsConsent</name>
    <message>
        <source>the contact form's checkbox</source>
        <translation>la casilla del formulario de contacto</translation>
    </message>
    <message>
        <source>told an agent</source>
        <translation>se lo dijo a un agente</translation>
    </message>
    <message>
        <source>a text message</source>
        <translation>un mensaje de texto</translation>
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
    <name>Crm::SyncCli</name>
    <message>
        <source>crm-sync: export leads|activities|appointments --format json|csv</source>
        <translation>crm-sync: export leads|activities|appointments --format json|csv</translation>
    </message>
    <message>
        <source>Agent CRM command-line sync client.

Commands:
  sync                                  one full push+pull cycle with the server
  status [--json]                       what the local cache holds
  export leads|activities|appointments  --format json|csv, to standard output</source>
        <translation>Cliente de sincronización de Agent CRM para la línea de comandos.

Comandos:
  sync                                  un ciclo completo de envío y recepción con el servidor
  status [--json]                       qué contiene la caché local
  export leads|activities|appointments  --format json|csv, a la salida estándar</translation>
    </message>
    <message>
        <source>What to do.</source>
        <translation>Qué hacer.</translation>
    </message>
    <message>
        <source>Server URL.</source>
        <translation>URL del servidor.</translation>
    </message>
    <message>
        <source>Your e-mail address.</source>
        <translation>Su dirección de correo electrónico.</translation>
    </message>
    <message>
        <source>Where the cache lives (default: the app's data folder).</source>
        <translation>Dónde se guarda la caché local (predeterminado: la carpeta de datos de la aplicación).</translation>
    </message>
    <message>
        <source>Read the password from standard input and sign in.</source>
        <translation>Leer la contraseña de la entrada estándar e iniciar sesión.</translation>
    </message>
    <message>
        <source>status: print JSON.</source>
        <translation>status: imprimir en formato JSON.</translation>
    </message>
    <message>
        <source>export: json or csv.</source>
        <translation>export: json o csv.</translation>
    </message>
    <message>
        <source>crm-sync: unknown command '%1'; see --help.</source>
        <translation>crm-sync: comando desconocido '%1'; consulte --help.</translation>
    </message>
    <message>
        <source>crm-sync: no account yet; run: crm-sync --server URL --email E --password-stdin sync</source>
        <translation>crm-sync: aún no hay ninguna cuenta; ejecute: crm-sync --server URL --email E --password-stdin sync</translation>
    </message>
    <message>
        <source>Server:    %1
User:      %2
Cursor:    %3
Leads:     %4
Pending:   %5
Conflicts: %6
Last sync: %7</source>
        <translation>Servidor:              %1
Usuario:               %2
Cursor:                %3
Prospectos:            %4
Pendientes:            %5
Conflictos:            %6
Última sincronización: %7</translation>
    </message>
    <message>
        <source>crm-sync: not signed in; run again with --password-stdin</source>
        <translation>crm-sync: no ha iniciado sesión; vuelva a ejecutar con --password-stdin</translation>
    </message>
    <message>
        <source>Downloaded %1%</source>
        <translation>Descargado: %1%</translation>
    </message>
    <message>
        <source>Offline: %1 (retrying)</source>
        <translation>Sin conexión: %1 (reintentando)</translation>
    </message>
    <message>
        <source>In step with %1: %2 leads, %3 activities, cursor %4, %5 conflict(s) to resolve.</source>
        <translation>Sincronizado con %1: %2 prospectos, %3 actividades, cursor %4, %5 conflicto(s) por resolver.</translation>
    </message>
</context>
<context>
    <name>Crm::SyncClient</name>
    <message>
        <source>The server cannot be reached: %1</source>
        <translation>No se puede conectar con el servidor: %1</translation>
    </message>
    <message>
        <source>The server had a problem (%1). %2</source>
        <translation>El servidor tuvo un problema (%1). %2</translation>
    </message>
    <message>
        <source>Your sign-in has expired. Sign in again.</source>
        <translation>Su sesión expiró. Vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <source>The server refused the request (%1).</source>
        <translation>El servidor rechazó la solicitud (%1).</translation>
    </message>
    <message>
        <source>The server sent an answer that is not JSON.</source>
        <translation>El servidor envió una respuesta que no es JSON.</translation>
    </message>
    <message>
        <source>Wrong e-mail or password.</source>
        <translation>Correo electrónico o contraseña incorrectos.</translation>
    </message>
    <message>
        <source>Sign in to sync.</source>
        <translation>Inicie sesión para sincronizar.</translation>
    </message>
    <message>
        <source>Your sign-in has ended. Sign in again; your unsent changes are kept.</source>
        <translation>Su sesión finalizó. Vuelva a iniciar sesión; sus cambios sin enviar se conservan.</translation>
    </message>
</context>
<context>
    <name>Crm::SyncEngine</name>
    <message>
        <source>The server answered no mutation of the batch.</source>
        <translation>El servidor no respondió a ningún cambio del lote.</translation>
    </message>
    <message>
        <source>The server's sync cursor did not move.</source>
        <translation>El cursor de sincronización del servidor no avanzó.</translation>
    </message>
</context>
<context>
    <name>Crm::SyncRunner</name>
    <message>
        <source>This computer is offline; changes are kept and sent when the network is back.</source>
        <translation>Este equipo no tiene conexión; los cambios se conservan y se enviarán cuando vuelva la red.</translation>
    </message>
</context>
<context>
    <name>Crm::SyncWorker</name>
    <message>
        <source>Sign in to sync.</source>
        <translation>Inicie sesión para sincronizar.</translation>
    </message>
    <message>
        <source>Not signed in to the server.</source>
        <translation>No ha iniciado sesión en el servidor.</translation>
    </message>
</context>
<context>
    <name>Crm::TeamView</name>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Peso</translation>
    </message>
    <message>
        <source>Territories</source>
        <translation>Territorios</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Share of new leads in round-robin (0: none)</source>
        <translation>Parte de prospectos nuevos en la rotación (0: ninguno)</translation>
    </message>
    <message>
        <source>US states, e.g. CA, NV</source>
        <translation>Estados de EE. UU., p. ej. CA, NV</translation>
    </message>
    <message>
        <source>&amp;Add user…</source>
        <translation>&amp;Añadir usuario…</translation>
    </message>
    <message>
        <source>Weight:</source>
        <translation>Peso:</translation>
    </message>
    <message>
        <source>Territories:</source>
        <translation>Territorios:</translation>
    </message>
    <message>
        <source>Time zone:</source>
        <translation>Zona horaria:</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Desactivar</translation>
    </message>
    <message>
        <source>&amp;Reactivate</source>
        <translation>&amp;Reactivar</translation>
    </message>
    <message>
        <source>Not US states: %1</source>
        <translation>No son estados de EE. UU.: %1</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Añadir usuario</translation>
    </message>
    <message>
        <source>At least 12 characters; hand it over in person</source>
        <translation>Al menos 12 caracteres; entréguela en persona</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>Correo electrónico:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nombre:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rol:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Contraseña:</translation>
    </message>
    <message>
        <source>Saved: %1.</source>
        <translation>Guardado: %1.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>Save your changes to this team member?</source>
        <translation>¿Guardar sus cambios en este miembro del equipo?</translation>
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
    <message>
        <source>Your e-mail address.</source>
        <translation>Su dirección de correo electrónico.</translation>
    </message>
    <message>
        <source>Read the password from standard input and sign in.</source>
        <translation>Leer la contraseña de la entrada estándar e iniciar sesión.</translation>
    </message>
</context>
</TS>
