#include "auth/invitation_mail.h"

namespace sanad::auth {

MailMessage invitation_mail(std::string to, std::string_view link, int days, std::string_view language) {
  const std::string n = std::to_string(days);
  const std::string url(link);
  MailMessage mail;
  mail.to = std::move(to);
  if (language == "en") {
    mail.subject = "Sanad: you are invited";
    mail.body = "Hello,\n\nYou are invited to create an account on Sanad.\n"
                "Open this link to choose your password (valid " + n + " days, once):\n\n" + url + "\n";
  } else if (language == "ar") {
    mail.subject = "سند: دعوة لإنشاء حساب";
    mail.body = "مرحبًا،\n\nأنت مدعو لإنشاء حساب في سند.\n"
                "افتح هذا الرابط لاختيار كلمة المرور (صالح " + n + " أيام، لمرة واحدة):\n\n" + url + "\n";
  } else {
    mail.subject = "Sanad : invitation";
    mail.body = "Bonjour,\n\nVous êtes invité(e) à créer un compte sur Sanad.\n"
                "Ouvrez ce lien pour choisir votre mot de passe (valable " + n + " jours, une seule fois) :\n\n" +
                url + "\n";
  }
  return mail;
}

}  // namespace sanad::auth
