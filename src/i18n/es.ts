/**
 * The Spanish UI strings. Typed by `Translation`: a string English has and Spanish lacks
 * (or a plural given as a single form) is a compile error.
 */
import type { Translation } from './en.js';

export const state: Translation['state'] = {
  'state.loading': 'Cargando…',
  'state.error': 'Algo salió mal al cargar este contenido.',
  'state.error.network': 'No pudimos conectar con el servidor de contenidos. Revise su conexión.',
  'state.error.timeout': 'El servidor de contenidos tardó demasiado en responder.',
  'state.error.rate_limited': 'El servidor de contenidos está ocupado en este momento.',
  'state.error.bad_response': 'El servidor de contenidos envió una respuesta que no pudimos leer.',
  'state.retry': 'Intentar de nuevo',
  'state.notFound': 'Este contenido no está disponible.',
  'state.notConfigured': 'Este widget aún no está configurado: necesita el atributo «{attribute}».',
  'state.empty': 'Aún no hay nada aquí.',
};

export const article: Translation['article'] = {
  'article.by': 'Por {names}',
  'article.updated': 'Actualizado el {date}',
  'article.published': 'Publicado el {date}',
  'article.reviewed': 'Revisado el {date}',
  'article.reviewedBy': 'Revisado el {date} por {names}',
  'article.source': 'Lea este artículo en {site}',
  'article.notFound': 'Este artículo no está disponible.',
};

export const attribution: Translation['attribution'] = {
  'attribution.verify': 'Verificar la certificación {name}',
  'attribution.poweredBy': 'Con la tecnología de {name}',
  'attribution.publisher': 'Contenido de {name}',
  'attribution.empty': 'No hay datos del editor disponibles.',
};

export const comments: Translation['comments'] = {
  'comments.heading': 'Comentarios de los lectores',
  'comments.count': { one: '{count} comentario', other: '{count} comentarios' },
  'comments.forums': 'También puede conversar sobre esto en nuestros {link}.',
  'comments.forumsLink': 'foros',
  'comments.sort': 'Orden',
  'comments.newest': 'Más recientes primero',
  'comments.oldest': 'Más antiguos primero',
  'comments.anonymous': 'Anónimo',
  'comments.empty': 'Aún no hay comentarios: sea la primera persona en comentar.',
  'comments.closed': 'Los comentarios están cerrados.',
  'comments.unsent': 'Su comentario no enviado',
  'comments.notFound': 'Los comentarios de este artículo no están disponibles.',
  'comments.more': 'Cargar más comentarios',
  'comments.moreError': 'No se pudieron cargar más comentarios. Inténtelo de nuevo.',
  'comments.shown': {
    one: 'Se muestra {shown} de {count} comentario',
    other: 'Se muestran {shown} de {count} comentarios',
  },
  'comments.form': 'Deje un comentario',
  'comments.title': 'Título',
  'comments.author': 'Nombre (opcional)',
  'comments.body': 'Comentario',
  'comments.submit': 'Publicar comentario',
  'comments.left': { one: 'Queda {count} carácter', other: 'Quedan {count} caracteres' },
  'comments.over': { one: 'Sobra {count} carácter', other: 'Sobran {count} caracteres' },
  'comments.required.title': 'Escriba un título para su comentario.',
  'comments.required.body': 'Escriba su comentario.',
  'comments.tooLong': 'Use como máximo {max} caracteres.',
  'comments.sending': 'Publicando su comentario…',
  'comments.pending': 'Gracias. Su comentario aparecerá cuando lo haya revisado un moderador.',
  'comments.published': 'Gracias. Su comentario se ha publicado.',
  'comments.pendingBadge': 'Pendiente de moderación',
  'comments.error.network':
    'No pudimos conectar con el servidor y su comentario no se publicó. Está guardado aquí: revise su conexión y pulse Publicar comentario de nuevo.',
  'comments.error.post':
    'Algo salió mal y su comentario no se publicó. Está guardado aquí: pulse Publicar comentario de nuevo.',
  'comments.error.rate':
    'Se enviaron varios comentarios desde aquí en poco tiempo. Su comentario está guardado: inténtelo de nuevo en {time}.',
  'comments.aMoment': 'un momento',
  'comments.reused':
    'Ya recibimos una versión anterior de su comentario (puede estar pendiente de moderación). Sus cambios siguen aquí: puede publicar esta versión como un comentario nuevo.',
  'comments.postNew': 'Publicar como comentario nuevo',
};

export const crisis: Translation['crisis'] = {
  'crisis.heading': 'Si está en crisis',
  'crisis.call': 'Llamar al {number}',
  'crisis.text': 'Enviar mensaje de texto al {number}',
  'crisis.website': 'Visitar {host}',
  'crisis.loading': 'Cargando líneas de ayuda…',
  'crisis.error':
    'No pudimos mostrar las líneas de ayuda en este momento. Si está en peligro, llame al número de emergencias local.',
};

export const related: Translation['related'] = {
  'related.heading': 'Temas relacionados',
  'related.empty': 'No hay temas relacionados.',
  'related.notFound': 'Este tema no está disponible.',
};

export const therapist: Translation['therapist'] = {
  'therapist.heading': 'Buscar un terapeuta (EE. UU./Canadá)',
  'therapist.code': 'Código ZIP o postal',
  'therapist.radius': 'Distancia',
  'therapist.search': 'Buscar',
  'therapist.searching': 'Buscando terapeutas…',
  'therapist.country.US': 'EE. UU.',
  'therapist.country.CA': 'Canadá',
  'therapist.invalid': 'Esta búsqueda solo abarca {countries}. Escriba un código como {examples}.',
  'therapist.elsewhere': 'Para otros países, use la {link}.',
  'therapist.advanced': 'Búsqueda avanzada',
  'therapist.count': {
    one: 'Se muestra 1 terapeuta a menos de {radius} de {code}.',
    other: 'Se muestran {count} terapeutas a menos de {radius} de {code}.',
  },
  'therapist.empty':
    'No se encontraron terapeutas a menos de {radius} de {code}. Pruebe con una distancia mayor.',
  'therapist.away': 'a {distance}',
  'therapist.specialties': 'Especialidades: {list}',
  'therapist.call': 'Llamar al {phone}',
  'therapist.more': 'Cargar más terapeutas',
};

export const topic: Translation['topic'] = {
  'topic.tab': '{title} ({count})',
  'topic.more': 'Cargar más elementos',
  'topic.shown': { one: '{count} elemento mostrado.', other: '{count} elementos mostrados.' },
  'topic.empty': 'Aún no hay nada en esta sección.',
  'topic.noSections': 'Este tema aún no tiene secciones.',
  'topic.notFound': 'Este tema no está disponible.',
  'topic.kind.article': 'Artículo',
  'topic.kind.news': 'Noticia',
  'topic.kind.qa': 'Preguntas y respuestas',
  'topic.kind.blog': 'Blog',
  'topic.kind.video': 'Vídeo',
  'topic.kind.link': 'Enlace',
  'topic.kind.book-review': 'Reseña de libro',
};

export const moderation: Translation['moderation'] = {
  'moderation.heading': 'Mesa de moderación',
  'moderation.checking': 'Comprobando su sesión…',
  'moderation.signIn.heading': 'Iniciar sesión en la mesa de moderación',
  'moderation.username': 'Usuario',
  'moderation.password': 'Contraseña',
  'moderation.signIn': 'Iniciar sesión',
  'moderation.signingIn': 'Iniciando sesión…',
  'moderation.signIn.missing': 'Escriba su usuario y su contraseña.',
  'moderation.signIn.failed': 'El usuario o la contraseña no son correctos.',
  'moderation.signIn.wait': {
    one: 'Demasiados intentos de inicio de sesión. Espere {count} segundo y vuelva a intentarlo.',
    other:
      'Demasiados intentos de inicio de sesión. Espere {count} segundos y vuelva a intentarlo.',
  },
  'moderation.signedOut': 'Ha cerrado la sesión.',
  'moderation.expired': 'Su sesión ha terminado. Vuelva a iniciar sesión.',
  'moderation.signedInAs': 'Sesión iniciada como {name}',
  'moderation.signOut': 'Cerrar sesión',
  'moderation.filters': 'Comentarios por estado',
  'moderation.status.pending': 'Pendientes',
  'moderation.status.published': 'Publicados',
  'moderation.status.rejected': 'Rechazados',
  'moderation.status.spam': 'Spam',
  'moderation.statusCount': '{status} ({count})',
  'moderation.article': 'Artículo',
  'moderation.allArticles': 'Todos los artículos',
  'moderation.reason': 'Motivo de la retención',
  'moderation.allReasons': 'Todos los motivos',
  'moderation.sort': 'Orden',
  'moderation.newest': 'Más recientes primero',
  'moderation.oldest': 'Más antiguos primero',
  'moderation.loading': 'Cargando comentarios…',
  'moderation.empty': 'No hay comentarios en espera',
  'moderation.emptyOther': 'No hay comentarios aquí',
  'moderation.error': 'No se pudieron cargar los comentarios.',
  'moderation.retry': 'Reintentar',
  'moderation.loadMore': 'Cargar más comentarios',
  'moderation.list': 'Comentarios',
  'moderation.selectAll': 'Seleccionar todos',
  'moderation.select': 'Seleccionar «{title}»',
  'moderation.bulk': 'Con los comentarios seleccionados',
  'moderation.selected': {
    zero: 'Ninguno seleccionado',
    one: '{count} seleccionado',
    other: '{count} seleccionados',
  },
  'moderation.approve': 'Aprobar',
  'moderation.reject': 'Rechazar',
  'moderation.spam': 'Marcar como spam',
  'moderation.delete': 'Eliminar',
  'moderation.undo': 'Deshacer',
  'moderation.done.approve': {
    one: 'Se aprobó {count} comentario.',
    other: 'Se aprobaron {count} comentarios.',
  },
  'moderation.done.reject': {
    one: 'Se rechazó {count} comentario.',
    other: 'Se rechazaron {count} comentarios.',
  },
  'moderation.done.spam': {
    one: 'Se marcó {count} comentario como spam.',
    other: 'Se marcaron {count} comentarios como spam.',
  },
  'moderation.done.delete': {
    one: 'Se eliminó {count} comentario.',
    other: 'Se eliminaron {count} comentarios.',
  },
  'moderation.done.edit': 'Se guardó la edición; el original queda en el historial.',
  'moderation.done.restore': {
    one: 'Deshecho: {count} comentario vuelve a estar como estaba.',
    other: 'Deshecho: {count} comentarios vuelven a estar como estaban.',
  },
  'moderation.failedSome': {
    one: 'No se pudo cambiar {count} comentario; sigue en la lista con el motivo.',
    other: 'No se pudieron cambiar {count} comentarios; siguen en la lista con el motivo.',
  },
  'moderation.failed.deleted': 'Sin cambios: este comentario se ha eliminado.',
  'moderation.failed.not-found': 'Sin cambios: este comentario ya no existe.',
  'moderation.failed.conflict':
    'No se deshizo: este comentario cambió después de su acción (quizá otra persona actuó sobre él), así que se queda como está ahora.',
  'moderation.failed.nothing-to-undo':
    'Nada que deshacer: este comentario ya está como estaba antes de su acción.',
  'moderation.failed.network':
    'No cambió nada: no se pudo contactar con el servidor. Compruebe su conexión y vuelva a intentarlo.',
  'moderation.failed.server':
    'No cambió nada: el servidor no pudo hacerlo en este momento ({message}).',
  'moderation.failed.other': 'No cambió nada: {message}',
  'moderation.safety':
    'Retenido por seguridad: quien escribe puede estar en crisis. Responda con cuidado.',
  'moderation.guide': 'Cómo responder a estos mensajes',
  'moderation.heldBecause': 'Retenido por: {list}',
  'moderation.reason.safety': 'frase de seguridad',
  'moderation.reason.hold-all': 'se retienen todos los comentarios',
  'moderation.reason.links': 'demasiados enlaces',
  'moderation.reason.restricted': 'palabra restringida',
  'moderation.reason.first-time': 'primer comentario de esta persona',
  'moderation.reason.duplicate': 'duplicado',
  'moderation.reason.reports': 'denuncias de lectores',
  'moderation.reason.honeypot': 'trampa para bots rellenada',
  'moderation.reason.too-fast': 'enviado demasiado rápido',
  'moderation.reason.spam-checker': 'detector de spam',
  'moderation.reason.blocked': 'persona bloqueada',
  'moderation.on': 'En',
  'moderation.posted': 'Publicado el {date} por {author}',
  'moderation.anonymous': 'Anónimo',
  'moderation.reports': {
    one: '{count} denuncia de lectores',
    other: '{count} denuncias de lectores',
  },
  'moderation.editedOn': 'Editado el {date}',
  'moderation.more': 'Más',
  'moderation.rejectReason': 'Motivo del rechazo (opcional)',
  'moderation.rejectWithReason': 'Rechazar con este motivo',
  'moderation.editHeading': 'Editar',
  'moderation.title': 'Título',
  'moderation.author': 'Nombre',
  'moderation.body': 'Comentario',
  'moderation.saveEdit': 'Guardar la edición',
  'moderation.blockHeading': 'Bloquear a esta persona',
  'moderation.removeAll': 'Eliminar también todo lo que ha publicado',
  'moderation.block': 'Bloquear',
  'moderation.blocked': 'Persona bloqueada: sus nuevos comentarios se guardarán como spam.',
  'moderation.blockedRemoved': {
    one: 'Persona bloqueada; se eliminó {count} comentario suyo.',
    other: 'Persona bloqueada; se eliminaron {count} comentarios suyos.',
  },
  'moderation.history': 'Historial',
  'moderation.historyLoading': 'Cargando el historial…',
  'moderation.historyEmpty': 'Ningún moderador ha actuado todavía.',
  'moderation.historyError': 'No se pudo cargar el historial.',
  'moderation.historyEntry': '{date} — {actor}: {action}',
  'moderation.historyNote': 'Nota: {note}',
  'moderation.historyBefore': 'Antes de la edición: {text}',
  'moderation.keys':
    'Teclas: j y k recorren los comentarios, a aprueba, r rechaza, s marca como spam, x selecciona.',
};
