// Document categories and the default set created by `sanad categories init`.

#include "core/clock.h"
#include "core/ids.h"
#include "library/library.h"

namespace sanad::library {

namespace {

struct DefaultCategory {
  const char* slug;
  const char* fr;
  const char* en;
  const char* ar;
};

// An organisation's usual kinds of internal documents.
constexpr DefaultCategory kDefaultCategories[] = {
    {"rh", "Ressources humaines", "Human resources", "الموارد البشرية"},
    {"conges", "Congés et absences", "Leave and absences", "الإجازات والغياب"},
    {"securite-informatique", "Sécurité informatique", "IT security", "أمن المعلومات"},
    {"hygiene-securite", "Hygiène et sécurité", "Health and safety", "الصحة والسلامة"},
    {"finances", "Finances et notes de frais", "Finance and expenses", "المالية والمصاريف"},
    {"procedures", "Procédures internes", "Internal procedures", "الإجراءات الداخلية"},
    {"juridique", "Juridique et conformité", "Legal and compliance", "الشؤون القانونية والامتثال"},
    {"communication", "Communication interne", "Internal communication", "التواصل الداخلي"},
    {"formation", "Formation", "Training", "التكوين"},
    {"faq", "Questions fréquentes", "Frequently asked questions", "الأسئلة الشائعة"},
    {"autre", "Autre", "Other", "أخرى"},
};

}  // namespace

Result<int> Library::init_default_categories() {
  int created = 0;
  Status s = db_.transaction([&](db::Connection& c) -> Status {
    created = 0;
    for (const auto& cat : kDefaultCategories) {
      SANAD_ASSIGN_OR_RETURN(auto existing, c.query("SELECT id FROM categories WHERE slug = ?", {cat.slug}));
      if (!existing.empty()) continue;
      SANAD_RETURN_IF_ERROR(
          c.exec("INSERT INTO categories (id, slug, label_fr, label_en, label_ar, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                 {core::new_id(), cat.slug, cat.fr, cat.en, cat.ar, core::now_ms()})
              .status());
      ++created;
    }
    return Status::ok();
  });
  if (!s) return s;
  return created;
}

Result<std::vector<Category>> Library::list_categories() {
  SANAD_ASSIGN_OR_RETURN(
      auto rows, db_.query("SELECT id, slug, label_fr, label_en, label_ar, created_at FROM categories ORDER BY slug"));
  std::vector<Category> out;
  for (const auto& r : rows) {
    out.push_back({r.get_string("id"), r.get_string("slug"), r.get_string("label_fr"), r.get_string("label_en"),
                   r.get_string("label_ar"), r.get_int("created_at")});
  }
  return out;
}

}  // namespace sanad::library
