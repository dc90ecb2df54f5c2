// The citizen journey in Chromium with JavaScript off: every form is a plain HTML post,
// and the server redirects back with the errors and the typed values.

import { describeCitizenJourney } from '../lib/journey.js';

describeCitizenJourney({
  title: 'citizen journey, without JavaScript',
  javaScript: false,
  citizen: {
    phone: '+7 912 200-00-02',
    phoneE164: '+79122000002',
    phoneForSignIn: '8 (912) 200-00-02',
    phoneDisplayed: '+7 912 200-00-02',
    // Too few digits for a mobile number.
    badPhone: '+7 912 200-00',
    password: 'Kamysh-Bereg42',
    surname: 'Лебедев',
    newSurname: 'Лебедев-Крылов',
    givenName: 'Игорь',
    patronymic: 'Олегович',
    displayName: 'Игорь Олегович',
    birthDate: '1985-09-23',
    birthPlace: 'г. Казань',
    formerNames: 'Не менялись',
    snils: '262-626-262 69',
    badSnils: '262-626-262 68',
    inn: '700700700776',
    badInn: '700700700775',
    email: 'igor.lebedev@example.ru',
    officialComment: 'Уточните цель получения справки',
  },
});
