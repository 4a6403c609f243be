package dev.trustcenter.subscriptions;

import dev.trustcenter.content.Language;
import dev.trustcenter.notices.OutgoingMail;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The texts of subscription mails, in the subscriber's language. Plain text: nothing in them is HTML. */
final class Notices {
  private Notices() {}

  /**
   * A vendor whose subprocessor list is watched.
   *
   * @param name shown in mails, e.g. {@code Google Cloud}
   * @param listUrl the vendor's own list, where effective dates are stated
   * @param noticeDays the notice the vendor commits to give before a change takes effect, or null if unknown
   */
  record Vendor(String name, URI listUrl, Integer noticeDays) {}

  /** The company behind the trust center and where objections go (a mailto: or https: URI, or null: reply). */
  record Company(String name, String objectionContact) {}

  /** The RFC 8058 headers every subscription mail carries. */
  static Map<String, String> unsubscribeHeaders(URI unsubscribe) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("List-Unsubscribe", "<" + unsubscribe + ">");
    h.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    return h;
  }

  static OutgoingMail confirmation(String to, Language lang, List<String> topics, String webhookUrl, URI confirm, URI unsubscribe) {
    String text;
    String subject;
    if (lang == Language.EN) {
      subject = "Confirm your subscription";
      text = "Hello,\n\nsomeone (hopefully you) asked to receive updates about: " + topics(topics, lang) + ".\n\n"
          + (webhookUrl == null ? "" : "Notices will also be posted to this webhook: " + webhookUrl + "\n\n")
          + "To confirm, open this link within 7 days:\n" + confirm + "\n\n"
          + "If it was not you, ignore this mail: nothing will be sent without confirmation.\n\n"
          + "Unsubscribe: " + unsubscribe + "\n";
    } else {
      subject = "Confirma tu suscripción";
      text = "Hola:\n\nalguien (esperamos que tú) ha pedido recibir novedades sobre: " + topics(topics, lang) + ".\n\n"
          + (webhookUrl == null ? "" : "Los avisos también se enviarán a este webhook: " + webhookUrl + "\n\n")
          + "Para confirmarlo, abre este enlace en los próximos 7 días:\n" + confirm + "\n\n"
          + "Si no has sido tú, ignora este correo: no enviaremos nada sin confirmación.\n\n"
          + "Darse de baja: " + unsubscribe + "\n";
    }
    return new OutgoingMail(to, subject, text, unsubscribeHeaders(unsubscribe));
  }

  private static String topics(List<String> topics, Language lang) {
    return String.join(", ", topics.stream().map(t -> switch (t) {
      case "subprocessors" -> lang == Language.EN ? "subprocessor changes" : "cambios de subprocesadores";
      case "controls" -> lang == Language.EN ? "control status changes" : "cambios de estado de los controles";
      case "documents" -> lang == Language.EN ? "new document versions" : "nuevas versiones de documentos";
      default -> t;
    }).toList());
  }

  static String date(Instant at, Language lang) {
    DateTimeFormatter f = lang == Language.EN
        ? DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH)
        : DateTimeFormatter.ofPattern("d 'de' MMMM 'de' yyyy", Locale.forLanguageTag("es"));
    return f.withZone(ZoneOffset.UTC).format(at);
  }

  /** One notice listing every change of one vendor that the subscriber has not been told about yet. */
  static OutgoingMail subprocessorChanges(
      String to, Language lang, Company company, Vendor vendor, List<SubprocessorChangeEvent> events, URI unsubscribe) {
    boolean en = lang == Language.EN;
    StringBuilder b = new StringBuilder();
    b.append(en ? "Hello,\n\n" : "Hola:\n\n");
    b.append(en
        ? "we detected changes in the subprocessor list of " + vendor.name() + ", which " + company.name()
            + " uses to provide its services:\n\n"
        : "hemos detectado cambios en la lista de subprocesadores de " + vendor.name() + ", que " + company.name()
            + " utiliza para prestar sus servicios:\n\n");
    Instant first = events.get(0).detectedAt();
    for (SubprocessorChangeEvent e : events) {
      if (e.detectedAt().isBefore(first)) {
        first = e.detectedAt();
      }
      String kind = switch (e.kind()) {
        case ADDED -> en ? "Added" : "Alta";
        case REMOVED -> en ? "Removed" : "Baja";
        case CHANGED -> en ? "Changed" : "Cambio";
      };
      b.append("- ").append(kind).append(": ").append(e.name());
      if (!e.fields().isEmpty()) {
        b.append(" (");
        int i = 0;
        for (Map.Entry<String, String> f : e.fields().entrySet()) {
          b.append(i++ == 0 ? "" : "; ").append(field(f.getKey(), lang)).append(": ").append(f.getValue());
        }
        b.append(")");
      }
      b.append("\n");
    }
    b.append("\n");
    b.append(en ? "Detected on " + date(first, lang) + ". " : "Detectado el " + date(first, lang) + ". ");
    if (vendor.listUrl() == null) {
      b.append(en ? "The vendor's own list states when it takes effect." : "La lista del propio proveedor indica cuándo surte efecto.");
    } else if (vendor.noticeDays() != null) {
      b.append(en
          ? vendor.name() + " announces changes at least " + vendor.noticeDays()
              + " days before they take effect; the effective date is stated in its list: "
          : vendor.name() + " anuncia los cambios con al menos " + vendor.noticeDays()
              + " días de antelación; la fecha en que surten efecto figura en su lista: ");
    } else {
      b.append(en ? "When it takes effect is stated in the vendor's list: " : "Cuándo surte efecto figura en la lista del proveedor: ");
    }
    b.append(vendor.listUrl() == null ? "" : vendor.listUrl().toString()).append("\n\n");
    String contact = company.objectionContact();
    if (contact != null && contact.startsWith("mailto:")) {
      contact = contact.substring("mailto:".length());
    }
    b.append(en
        ? "If you object to this change, tell us before it takes effect: "
            + (contact == null ? "reply to this mail." : "write to " + contact + " or reply to this mail.")
        : "Si te opones a este cambio, dínoslo antes de que surta efecto: "
            + (contact == null ? "responde a este correo." : "escribe a " + contact + " o responde a este correo."));
    b.append("\n\n").append(en ? "Unsubscribe: " : "Darse de baja: ").append(unsubscribe).append("\n");
    String subject = en
        ? "Subprocessor changes at " + vendor.name() + " (" + company.name() + ")"
        : "Cambios de subprocesadores en " + vendor.name() + " (" + company.name() + ")";
    return new OutgoingMail(to, subject, b.toString(), unsubscribeHeaders(unsubscribe));
  }

  private static String field(String key, Language lang) {
    if (lang == Language.EN) {
      return key;
    }
    return switch (key) {
      case "countries", "country" -> "países";
      case "location", "locations" -> "ubicación";
      case "activity", "activities", "purpose" -> "actividad";
      case "entity", "entities" -> "entidad";
      case "services", "products" -> "servicios";
      default -> key;
    };
  }
}
