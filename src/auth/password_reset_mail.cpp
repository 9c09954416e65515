#include "auth/password_reset_mail.h"

namespace sanad::auth {

MailMessage password_reset_mail(std::string to, std::string_view link, int minutes, std::string_view language) {
  const std::string n = std::to_string(minutes);
  const std::string url(link);
  MailMessage mail;
  mail.to = std::move(to);
  if (language == "en") {
    mail.subject = "Sanad: reset your password";
    mail.body = "Hello,\n\nSomeone asked to reset the password of your Sanad account.\n"
                "To choose a new password, open this link (valid " + n + " minutes, once):\n\n" + url +
                "\n\nIf you did not ask for it, ignore this message: your password stays the same.\n";
  } else if (language == "ar") {
    mail.subject = "سند: إعادة تعيين كلمة المرور";
    mail.body = "مرحبًا،\n\nطُلبت إعادة تعيين كلمة مرور حسابك في سند.\n"
                "لاختيار كلمة مرور جديدة افتح هذا الرابط (صالح " + n + " دقيقة، لمرة واحدة):\n\n" + url +
                "\n\nإذا لم تطلب ذلك فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.\n";
  } else {
    mail.subject = "Sanad : réinitialisation de votre mot de passe";
    mail.body = "Bonjour,\n\nQuelqu'un a demandé la réinitialisation du mot de passe de votre compte Sanad.\n"
                "Pour choisir un nouveau mot de passe, ouvrez ce lien (valable " + n + " minutes, une seule fois) :\n\n" +
                url + "\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.\n";
  }
  return mail;
}

}  // namespace sanad::auth
