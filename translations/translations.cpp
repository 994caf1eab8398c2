// crm_translations holds only the compiled .qm resources; this file gives the library a body.
namespace Crm::TranslationsResource {
int anchor = 0;
}
